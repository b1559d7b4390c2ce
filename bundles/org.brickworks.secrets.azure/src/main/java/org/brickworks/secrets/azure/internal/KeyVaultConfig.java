package org.brickworks.secrets.azure.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Brickworks Azure Key Vault secret scopes",
        description = "The Azure AD application through which the platform reads the vaults of AZURE_KEYVAULT scopes")
@interface KeyVaultConfig {
    @AttributeDefinition(name = "Tenant id", description = "The Azure AD tenant (directory) id of the application")
    String tenantId() default "";

    @AttributeDefinition(name = "Client id", description = "The application (client) id")
    String clientId() default "";

    @AttributeDefinition(name = "Client secret", description = "A client secret of the application",
            type = AttributeType.PASSWORD)
    String clientSecret() default "";

    @AttributeDefinition(name = "Authority host", description = "Azure AD's sign-in host: another for a sovereign"
            + " cloud (https://login.microsoftonline.us/) or Azure Stack")
    String authorityHost() default "https://login.microsoftonline.com/";

    @AttributeDefinition(name = "Trusted certificates", description = "A PEM file of certificates to trust besides the"
            + " JDK's, for vaults or an authority behind a private certificate authority; empty for none")
    String trustedCertificates() default "";

    @AttributeDefinition(name = "Verify challenge resource", description = "Whether a vault's authentication"
            + " challenge must name a resource of the vault's own DNS domain, as Azure's do; turn off only for a vault"
            + " reached under another name (a private endpoint's address, a test server)")
    boolean verifyChallengeResource() default true;

    @AttributeDefinition(name = "Timeout", description = "Seconds to connect to a vault or Azure AD and to wait for"
            + " each answer")
    int timeoutSeconds() default 10;

    @AttributeDefinition(name = "Retries", description = "How often a failed call to a vault or Azure AD is retried")
    int maxRetries() default 2;
}
