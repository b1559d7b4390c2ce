package org.brickworks.dbfs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.core.api.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DbfsPathTest {
    @ParameterizedTest
    @CsvSource({ "/,/", "dbfs:/,/", "dbfs:/a/b,/a/b", "DBFS:/a,/a", "/a//b/./c/,/a/b/c", "/a/b/../c,/a/c",
            "/a/..,/" })
    void normalisesPaths(String raw, String normalised) {
        assertThat(DbfsPath.of(raw)).hasToString(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/..", "/a/../..", "dbfs:/../etc/passwd", "a/b", "file:/etc/passwd", "dbfs:a",
            "s3://bucket/x", "/a\\b", "/a\u0000b", "", " " })
    void refusesEscapesOtherSchemesAndRelativePaths(String raw) {
        assertThatThrownBy(() -> DbfsPath.of(raw)).isInstanceOfSatisfying(BrickworksException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @ParameterizedTest
    @CsvSource({ "/mnt/raw/a/b,/mnt/raw,a/b", "/mnt/raw,/mnt/raw,''", "/a,/,a" })
    void relativisesBelowAnAncestor(String path, String ancestor, String relative) {
        assertThat(DbfsPath.of(path).startsWith(DbfsPath.of(ancestor))).isTrue();
        assertThat(DbfsPath.of(path).relativeTo(DbfsPath.of(ancestor))).isEqualTo(relative);
    }

    @ParameterizedTest
    @CsvSource({ "/mnt/rawer,/mnt/raw", "/mn,/mnt" })
    void aSiblingWithTheSamePrefixIsNoDescendant(String path, String other) {
        assertThat(DbfsPath.of(path).startsWith(DbfsPath.of(other))).isFalse();
    }
}
