package org.brickworks.dbfs.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.brickworks.core.api.BrickworksException;
import org.junit.jupiter.api.Test;

class AzureSourceTest {
    @Test
    void readsContainerAccountPrefixAndAccountKey() {
        AzureSource source = AzureSource.parse(URI.create("wasbs://raw@acct.blob.core.windows.net/landing/2026/"),
                Map.of("fs.azure.account.key.acct.blob.core.windows.net", "S3CRET=="));
        assertThat(source.container()).isEqualTo("raw");
        assertThat(source.account()).isEqualTo("acct");
        assertThat(source.prefix()).isEqualTo("landing/2026");
        assertThat(source.endpoint()).isEqualTo("https://acct.blob.core.windows.net");
        assertThat(source.credential().kind()).isEqualTo(AzureSource.Kind.ACCOUNT_KEY);
        assertThat(source.toString()).doesNotContain("S3CRET");
        assertThat(source.blobName("a/b.csv")).isEqualTo("landing/2026/a/b.csv");
        assertThat(source.relative("landing/2026/a/")).isEqualTo("a");
    }

    @Test
    void abfssGoesThroughTheBlobEndpointAndTakesASasOrConnectionString() {
        AzureSource sas = AzureSource.parse(URI.create("abfss://c@acct.dfs.core.windows.net"),
                Map.of("fs.azure.sas.c.acct.blob.core.windows.net", "sv=1&sig=x"));
        assertThat(sas.endpoint()).isEqualTo("https://acct.blob.core.windows.net");
        assertThat(sas.credential().kind()).isEqualTo(AzureSource.Kind.SAS);
        assertThat(sas.blobName("")).isEmpty();
        AzureSource azurite = AzureSource.parse(URI.create("wasb://c@devstoreaccount1.blob.core.windows.net/p"),
                Map.of(AzureSource.CONNECTION_STRING, "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1"));
        assertThat(azurite.credential().kind()).isEqualTo(AzureSource.Kind.CONNECTION_STRING);
    }

    @Test
    void refusesSourcesWithoutContainerOrCredential() {
        assertThatThrownBy(() -> AzureSource.parse(URI.create("wasbs://acct.blob.core.windows.net/x"),
                Map.of("azure.connection.string", "x"))).isInstanceOf(BrickworksException.class)
                .hasMessageContaining("expected wasbs://");
        assertThatThrownBy(() -> AzureSource.parse(URI.create("wasbs://c@acct.blob.core.windows.net/x"),
                Map.of("fs.azure.account.key.other.blob.core.windows.net", "k")))
                .isInstanceOf(BrickworksException.class).hasMessageContaining("No credential")
                .hasMessageNotContaining("k\"");
    }

    @Test
    void refusesAnAccountKeyThatIsNotBase64WithoutQuotingIt() {
        assertThatThrownBy(() -> AzureSource.parse(URI.create("wasbs://c@acct.blob.core.windows.net"),
                Map.of("fs.azure.account.key.acct.blob.core.windows.net", "not-a-key!")))
                .isInstanceOf(BrickworksException.class).hasMessageContaining("not base64")
                .hasMessageContaining("fs.azure.account.key.acct.blob.core.windows.net")
                .hasMessageNotContaining("not-a-key!");
        assertThatThrownBy(() -> AzureSource.parse(URI.create("wasbs://c@acct.blob.core.windows.net"),
                Map.of("azure.connection.string", "AccountName=acct;AccountKey=bad key;BlobEndpoint=http://x")))
                .isInstanceOf(BrickworksException.class).hasMessageContaining("AccountKey of azure.connection.string")
                .hasMessageNotContaining("bad key");
    }

    @Test
    void redactsTheCredentialFromQuotedMessages() {
        AzureSource source = AzureSource.parse(URI.create("wasbs://c@acct.blob.core.windows.net"),
                Map.of("azure.connection.string", "AccountName=acct;AccountKey=S3CRET==;BlobEndpoint=http://x"));
        assertThat(source.redact("signed with S3CRET== for acct")).isEqualTo("signed with [REDACTED] for acct");
    }
}
