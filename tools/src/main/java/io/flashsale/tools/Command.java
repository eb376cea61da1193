package io.flashsale.tools;

import java.util.List;

/** One {@code ./flashsale} command, given the arguments after its name. */
public interface Command {

    /**
     * @return the process' exit code
     * @throws IllegalArgumentException for arguments the command does not take (exit 2)
     */
    int run(List<String> args) throws Exception;
}
