package org.odpsexplorer.app.hex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odpsexplorer.app.common.FxUiExecutor;
import org.odpsexplorer.app.common.Theme;
import org.odpsexplorer.app.common.ThemeSwitcher;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class HexEditorViewTest {
    private final FxUiExecutor tasks = new FxUiExecutor(1);
    private HexEditorView view;
    private ThemeSwitcher themes;

    @Start
    void start(Stage stage) {
        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        view = new HexEditorView(new HexEditorViewModel(new HexDocument(ByteSource.of(data)), tasks));
        stage.setScene(new Scene((Parent) view.root(), 1000, 500));
        themes = new ThemeSwitcher(stage, Theme.LIGHT);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        // the user-agent stylesheet is global: later tests in this JVM expect the light default; reset it while the
        // view's executor still runs, since the restyle lays the canvas out again
        robot.interact(() -> Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet()));
        WaitForAsyncUtils.waitForFxEvents();
        themes.close();
        tasks.close();
    }

    @Test
    void theCanvasRepaintsInTheColoursOfTheTheme(FxRobot robot) {
        HexCanvas canvas = robot.lookup("#hexCanvas").queryAs(HexCanvas.class);
        assertThat(canvas.textColour().getBrightness()).isLessThan(0.3);
        assertThat(backgroundBrightness(robot, canvas)).isGreaterThan(0.9);

        robot.interact(() -> themes.setTheme(Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.DARK.userAgentStylesheet());
        assertThat(canvas.textColour().getBrightness()).isGreaterThan(0.7);
        assertThat(backgroundBrightness(robot, canvas)).isLessThan(0.15);
    }

    /** Brightness of a painted pixel below the last of the 100 bytes' rows, where only the background is. */
    private static double backgroundBrightness(FxRobot robot, HexCanvas canvas) {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = canvas.snapshot(null, null));
        return image[0].getPixelReader().getColor(5, (int) image[0].getHeight() - 5).getBrightness();
    }

    @Test
    void typingHexDigitsChangesTheByteAtTheCaret(FxRobot robot) throws IOException {
        robot.clickOn("#hexCanvas");
        robot.interact(() -> view.viewModel().setCaret(3, false));
        robot.write("7f");
        assertThat(view.viewModel().document().byteAt(3)).isEqualTo(0x7F);
        assertThat(view.viewModel().caretProperty().get()).isEqualTo(4);
        assertThat(view.viewModel().document().size()).isEqualTo(100);
    }

    @Test
    void ctrlGJumpsToAHexOffsetAndTheInspectorFollows(FxRobot robot) throws Exception {
        robot.clickOn("#hexCanvas");
        robot.press(KeyCode.CONTROL, KeyCode.G).release(KeyCode.G, KeyCode.CONTROL);
        robot.write("0x40").type(KeyCode.ENTER);
        assertThat(view.viewModel().caretProperty().get()).isEqualTo(64);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "64".equals(robot.lookup("#inspector-uint8").queryAs(Label.class).getText()));
    }
}
