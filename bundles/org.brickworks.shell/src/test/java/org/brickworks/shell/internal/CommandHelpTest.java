package org.brickworks.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.junit.jupiter.api.Test;

class CommandHelpTest {

    /** A command as a group component writes one. */
    public static final class Sample {
        @Descriptor("Create a thing")
        public String thingCreate(CommandSession session,
                @Descriptor("user it acts as") @Parameter(names = { "-u", "--user" },
                        absentValue = "admin") String user,
                @Descriptor("node type") @Parameter(names = { "-t", "--node-type" }, absentValue = "") String nodeType,
                @Descriptor("replace it") @Parameter(names = { "-o", "--overwrite" }, presentValue = "true",
                        absentValue = "false") boolean overwrite,
                @Descriptor("cluster id, as bw:clusters shows it") String clusterId,
                @Descriptor("what it is for") String... comment) {
            return "";
        }

        public String plain(String name) {
            return name;
        }
    }

    @Test
    void describesArgumentsByTheirJavaNamesAndOptionsWithMeaningfulDefaults() throws Exception {
        ShellCommand command = new ShellCommand("bw", "thing-create", method("thingCreate"));

        assertThat(CommandHelp.describe(command)).isEqualTo("""
                DESCRIPTION
                        bw:thing-create

                        Create a thing

                SYNTAX
                        bw:thing-create [options] <cluster-id> [comment...]

                ARGUMENTS
                        cluster-id
                                cluster id, as bw:clusters shows it
                        comment
                                what it is for

                OPTIONS
                        -u, --user <user>
                                user it acts as
                                (default: admin)
                        -t, --node-type <node-type>
                                node type
                        -o, --overwrite
                                replace it""");
    }

    @Test
    void describesACommandWithoutDescriptorsOrMethod() throws Exception {
        assertThat(CommandHelp.describe(new ShellCommand("acme", "plain", method("plain")))).isEqualTo("""
                DESCRIPTION
                        acme:plain

                SYNTAX
                        acme:plain <name>

                ARGUMENTS
                        name""");
        assertThat(CommandHelp.describe(new ShellCommand("acme", "opaque", null))).endsWith("""
                SYNTAX
                        acme:opaque""");
    }

    @Test
    void dashesCamelCaseNames() {
        assertThat(GogoCommands.dashed("tokenCreate")).isEqualTo("token-create");
        assertThat(GogoCommands.dashed("fsLs")).isEqualTo("fs-ls");
        assertThat(GogoCommands.dashed("sql")).isEqualTo("sql");
    }

    private static java.lang.reflect.Method method(String name) {
        for (java.lang.reflect.Method method : Sample.class.getMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new AssertionError(name);
    }
}
