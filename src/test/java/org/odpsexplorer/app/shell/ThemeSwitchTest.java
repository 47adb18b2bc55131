package org.odpsexplorer.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odpsexplorer.app.shell.AppFixture.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.app.common.AppDirs;
import org.odpsexplorer.app.common.SettingsStore;
import org.odpsexplorer.app.common.Theme;
import org.odpsexplorer.app.editor.OpenMode;
import org.odpsexplorer.app.editor.ResourceEditorTab;
import org.odpsexplorer.app.tree.ProjectRef;
import org.odpsexplorer.sdk.model.ResourceInfo;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Robot test of the View menu's themes: the switch restyles the window, the editor's highlighting and the dialogs
 * shown afterwards, and a new window built on the same settings directory starts in the chosen theme.
 */
@ExtendWith(ApplicationExtension.class)
class ThemeSwitchTest {
    @TempDir
    static Path dir;
    static AppFixture app;
    MainWindow window;

    @BeforeAll
    static void context() throws Exception {
        app = AppFixture.start(dir);
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(app.ctx, stage, new TestDialogs(stage));
        stage.show();
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        AppFixture.closeWindows(robot, window);
        // the user-agent stylesheet is global: later tests in this JVM expect the light default
        robot.interact(() -> Application.setUserAgentStylesheet(Theme.LIGHT.userAgentStylesheet()));
    }

    @Test
    void theViewMenuSwitchesTheWholeWindowAndTheChoiceOutlivesTheWindow(FxRobot robot) throws Exception {
        Scene scene = window.stage().getScene();
        assertThat(window.themes().getTheme()).isEqualTo(Theme.LIGHT);
        assertThat(scene.getRoot().getStyleClass()).contains("theme-light");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.LIGHT.userAgentStylesheet());
        ResourceEditorTab tab = openPython("theme_check.py", "def answer():\n    return 42\n");
        Paint lightKeyword = keywordFill(robot);
        Paint lightText = plainTextFill(robot);

        pickTheme(robot, "Dark theme");
        assertThat(window.themes().getTheme()).isEqualTo(Theme.DARK);
        assertThat(scene.getRoot().getStyleClass()).contains("theme-dark").doesNotContain("theme-light");
        assertThat(scene.getStylesheets()).contains(Theme.DARK.stylesheet()).doesNotContain(Theme.LIGHT.stylesheet());
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.DARK.userAgentStylesheet());
        assertThat(tab.codeEditor().area().getStyleOfChar(0)).contains("keyword");
        Paint darkKeyword = keywordFill(robot);
        assertThat(darkKeyword).isNotEqualTo(lightKeyword);
        // legible on their backgrounds: dark text on the light editor, light text (and keywords) on the dark one
        assertThat(brightness(lightText)).isLessThan(0.3);
        assertThat(brightness(plainTextFill(robot))).isGreaterThan(0.7);
        assertThat(brightness(darkKeyword)).isGreaterThan(brightness(lightKeyword));
        // menus are popups: they take their window's stylesheets when they show, so their text is light too
        robot.clickOn("View");
        waitUntil(() -> robot.lookup("Light theme").tryQueryAs(Labeled.class).isPresent());
        assertThat(brightness(robot.lookup("Light theme").queryAs(Labeled.class).getTextFill())).isGreaterThan(0.7);
        robot.type(KeyCode.ESCAPE);

        // a dialog shown after the switch (Help > About, a real Alert owned by the window) is dark as well
        robot.clickOn("Help").clickOn("About");
        waitUntil(() -> aboutDialog().isPresent());
        DialogPane about = aboutDialog().orElseThrow();
        assertThat(about.getStyleClass()).contains("theme-dark");
        assertThat(about.getScene().getStylesheets()).contains(Theme.DARK.stylesheet());
        robot.clickOn("OK");

        // remembered: written at once, and a new window on the same settings directory starts dark
        SettingsStore store = new SettingsStore(dir.resolve("config"));
        waitUntil(() -> store.load().theme() == Theme.DARK);
        AppContext second = AppContext.load(new AppDirs(dir.resolve("config"), dir.resolve("data-second")), Map.of());
        try {
            MainWindow[] next = new MainWindow[1];
            robot.interact(() -> {
                Stage stage = new Stage();
                next[0] = new MainWindow(second, stage, new TestDialogs(stage));
                stage.show();
            });
            assertThat(next[0].themes().getTheme()).isEqualTo(Theme.DARK);
            assertThat(next[0].stage().getScene().getRoot().getStyleClass()).contains("theme-dark");
            assertThat(next[0].stage().getScene().getStylesheets()).contains(Theme.DARK.stylesheet());
            assertThat(darkMenuItem(next[0]).isSelected()).isTrue();
            // its own emulator must be up before the context closes, or it would outlive the test
            waitUntil(() -> second.emulator() != null);
            robot.interact(() -> {
                next[0].dispose();
                next[0].stage().close();
            });
        } finally {
            second.close();
        }

        pickTheme(robot, "Light theme");
        assertThat(scene.getRoot().getStyleClass()).contains("theme-light").doesNotContain("theme-dark");
        assertThat(keywordFill(robot)).isEqualTo(lightKeyword);
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.LIGHT.userAgentStylesheet());
        waitUntil(() -> store.load().theme() == Theme.LIGHT);
    }

    private ResourceEditorTab openPython(String name, String text) throws Exception {
        if (app.sdk().existResource(name)) {
            app.sdk().deleteResource(name);
        }
        app.sdk().createResource(name, "py", text.getBytes(StandardCharsets.UTF_8));
        ResourceInfo info = app.sdk().getResource(name).info();
        ProjectRef ref = new ProjectRef(window.treeViewModel().connections().get(0), "demo");
        FxToolkit.setupFixture(() -> window.open(ref, info, OpenMode.R_PLUS, false));
        waitUntil(() -> window.editors().selected().filter(t -> t.viewModel().getName().equals(name))
                .map(t -> t.codeEditor() != null && t.codeEditor().area().getScene() != null
                        && t.codeEditor().area().getStyleOfChar(0).contains("keyword")).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        return window.editors().selected().orElseThrow();
    }

    private static void pickTheme(FxRobot robot, String item) {
        robot.clickOn("View").clickOn(item);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The fill CSS computed for the first keyword's text node ("def"). */
    private static Paint keywordFill(FxRobot robot) throws Exception {
        waitUntil(() -> robot.lookup(".code-editor .keyword").tryQueryAs(Text.class).isPresent());
        return robot.lookup(".code-editor .keyword").queryAs(Text.class).getFill();
    }

    /** The fill of an unhighlighted text node (the identifier "answer"). */
    private static Paint plainTextFill(FxRobot robot) {
        return robot.lookup(".code-editor .text").queryAllAs(Text.class).stream()
                .filter(t -> t.getText().contains("answer") && t.getStyleClass().size() == 1).findFirst()
                .orElseThrow().getFill();
    }

    private static double brightness(Paint paint) {
        return ((Color) paint).getBrightness();
    }

    private static Optional<DialogPane> aboutDialog() {
        return Window.getWindows().stream().map(Window::getScene)
                .filter(s -> s != null && s.getRoot() instanceof DialogPane p && "ODPS Explorer".equals(p.getHeaderText()))
                .map(s -> (DialogPane) s.getRoot()).findFirst();
    }

    private static RadioMenuItem darkMenuItem(MainWindow w) {
        MenuBar bar = (MenuBar) w.root().getTop();
        return bar.getMenus().stream().filter(m -> m.getText().equals("View")).flatMap(m -> m.getItems().stream())
                .filter(i -> "menuThemeDark".equals(i.getId())).map(RadioMenuItem.class::cast).findFirst()
                .orElseThrow();
    }
}
