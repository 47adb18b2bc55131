package org.odpsexplorer.app;

import java.util.Arrays;
import javafx.application.Application;
import org.odpsexplorer.emulator.ServeCommand;

/**
 * Entry point of the fat jar and the installers. It must not extend {@code Application}: started from the classpath,
 * such a main class fails with "JavaFX runtime components are missing". {@code serve} runs the emulator alone and
 * never loads JavaFX.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "serve".equals(args[0])) {
            System.exit(ServeCommand.run(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        // settings, profiles and the emulator's start run while the JavaFX toolkit starts up
        OdpsExplorerApp.prepareEarly(args);
        Application.launch(OdpsExplorerApp.class, args);
    }
}
