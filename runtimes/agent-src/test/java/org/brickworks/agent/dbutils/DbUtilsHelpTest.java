package org.brickworks.agent.dbutils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DbUtilsHelpTest {

    @Test
    void theModulesAreListedWithOneLineEach() {
        assertThat(DbUtilsHelp.text("", "")).startsWith("This module provides various utilities")
                .endsWith("fs: DbfsUtils -> Manipulates the Databricks filesystem (DBFS) from the console\n"
                        + "jobs: JobsUtils -> Utilities for leveraging jobs features\n"
                        + "notebook: NotebookUtils -> Utilities for the control flow of a notebook\n"
                        + "secrets: SecretUtils -> Provides utilities for leveraging secrets within notebooks\n"
                        + "widgets: WidgetsUtils -> Methods to create and get bound value of input widgets inside"
                        + " notebooks");
    }

    @Test
    void aModuleListsItsMethodsWithSignaturesUnderTheirGroups() {
        String fs = DbUtilsHelp.text("fs", "");

        assertThat(fs).startsWith("dbutils.fs provides utilities for working with FileSystems.")
                .contains("\n\nfsutils\ncp(from: String, to: String, recurse: boolean = false): boolean -> Copies")
                .contains("\n\nmount\nmount(source: String, mountPoint: String")
                .endsWith("unmount(mountPoint: String): boolean -> Deletes a DBFS mount point");
        assertThat(DbUtilsHelp.text("widgets", "")).contains("\n\ndropdown(name: String").contains("\nremoveAll: void");
        assertThat(DbUtilsHelp.text("jobs.taskValues", "")).contains("\nset(key: String, value: Any): void -> Sets");
        assertThat(DbUtilsHelp.text("secrets", "")).contains("\nget(scope: String, key: String): String -> Gets")
                .endsWith("listScopes: Seq -> Lists secret scopes");
    }

    @Test
    void aMethodShowsItsDocumentationAndSignature() {
        assertThat(DbUtilsHelp.text("fs", "cp")).isEqualTo("/**\n"
                + " * Copies a file or directory, possibly across FileSystems.\n"
                + " *\n"
                + " * Example: cp(\"/mnt/my-folder/a\", \"dbfs:/a/b\")\n"
                + " *\n"
                + " * @param from FileSystem URI of the source file or directory\n"
                + " * @param to FileSystem URI of the destination file or directory\n"
                + " * @param recurse if true, all files and directories will be recursively copied\n"
                + " * @return true if all files were successfully copied\n"
                + " */\n"
                + "cp(from: String, to: String, recurse: boolean = false): boolean");
        assertThat(DbUtilsHelp.text("widgets", "removeAll")).isEqualTo("/**\n * Removes all widgets in the notebook.\n"
                + " */\nremoveAll: void");
    }

    @Test
    void unknownModulesAndMethodsNameThoseThereAre() {
        assertThatThrownBy(() -> DbUtilsHelp.text("credentials", "")).hasMessage("dbutils has no module credentials;"
                + " its modules: fs, jobs, jobs.taskValues, notebook, secrets, widgets");
        assertThatThrownBy(() -> DbUtilsHelp.text("notebook", "go")).hasMessage(
                "go is not a method of dbutils.notebook; its methods: exit, run");
    }
}
