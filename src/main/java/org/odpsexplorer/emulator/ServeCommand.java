package org.odpsexplorer.emulator;

/** {@code serve}: runs the emulator as a standalone server. (Placeholder until the emulator lands.) */
public final class ServeCommand {
    private ServeCommand() {
    }

    /** Runs the command and returns the process exit code. */
    public static int run(String[] args) {
        System.err.println("serve: not implemented yet");
        return 2;
    }
}
