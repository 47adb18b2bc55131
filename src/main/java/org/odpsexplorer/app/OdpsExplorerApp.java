package org.odpsexplorer.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application; builds the object graph by hand in {@link #start(Stage)}. */
public final class OdpsExplorerApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("ODPS Explorer");
        stage.setScene(new Scene(new Label("ODPS Explorer"), 1100, 720));
        stage.show();
    }
}
