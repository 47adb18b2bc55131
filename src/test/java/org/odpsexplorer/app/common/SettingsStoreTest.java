package org.odpsexplorer.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void missingFileGivesDefaults() throws Exception {
        assertThat(new SettingsStore(dir).load()).isEqualTo(AppSettings.DEFAULTS);
    }

    @Test
    void windowSizeDividersAndTabsRoundTrip() throws Exception {
        AppSettings saved = AppSettings.DEFAULTS.withWindow(1000, 640).withDividers(0.3, 0.5)
                .withOpenTabs(List.of(new AppSettings.OpenTab("local", "demo", "etl/job.py", "r+"),
                        new AppSettings.OpenTab("local", "demo", "lib.jar", "r")))
                .withTheme(Theme.DARK);
        SettingsStore store = new SettingsStore(dir.resolve("nested"));
        store.save(saved);
        assertThat(store.load()).isEqualTo(saved);
    }

    @Test
    void gridTabsRoundTripWithTheirPartitionAndRow() throws Exception {
        AppSettings saved = AppSettings.DEFAULTS.withOpenTabs(List.of(new AppSettings.OpenTab("local", "demo",
                        "etl/job.py", "r+")))
                .withOpenGrids(List.of(new AppSettings.OpenGrid("local", "demo", "sales_resource", "pt=20240102",
                                54_317), new AppSettings.OpenGrid("prod", "dw", "whole_table", "", 0)));
        SettingsStore store = new SettingsStore(dir);
        store.save(saved);
        assertThat(store.load()).isEqualTo(saved);
        assertThat(Files.readString(dir.resolve("settings.properties")))
                .contains("grid.0.resource=sales_resource", "grid.0.partition=pt\\=20240102", "grid.0.row=54317");
    }

    @Test
    void aGridWithoutRowOrABadRowStartsAtTheTop() throws Exception {
        Files.writeString(dir.resolve("settings.properties"), """
                grid.0.connection=local
                grid.0.project=demo
                grid.0.resource=a
                grid.1.connection=local
                grid.1.project=demo
                grid.1.resource=b
                grid.1.partition=pt\\=1
                grid.1.row=lots
                """);
        assertThat(new SettingsStore(dir).load().openGrids()).containsExactly(
                new AppSettings.OpenGrid("local", "demo", "a", "", 0),
                new AppSettings.OpenGrid("local", "demo", "b", "pt=1", 0));
    }

    @Test
    void anUnknownThemeNameFallsBackToLight() throws Exception {
        Files.writeString(dir.resolve("settings.properties"), "theme=solarized\nwindow.width=900\n");
        AppSettings loaded = new SettingsStore(dir).load();
        assertThat(loaded.theme()).isEqualTo(Theme.LIGHT);
        assertThat(loaded.width()).isEqualTo(900);
    }

    @Test
    void xdgVariablesWinOverTheHomeDefaults() {
        Path home = Path.of("/home/u");
        AppDirs xdg = AppDirs.fromEnvironment(Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"), home);
        assertThat(xdg.config()).isEqualTo(Path.of("/cfg/odps-explorer"));
        assertThat(xdg.emulatorData()).isEqualTo(Path.of("/data/odps-explorer/emulator"));
        AppDirs plain = AppDirs.fromEnvironment(Map.of("XDG_CONFIG_HOME", "relative"), home);
        assertThat(plain.config()).isEqualTo(Path.of("/home/u/.config/odps-explorer"));
        assertThat(plain.data()).isEqualTo(Path.of("/home/u/.local/share/odps-explorer"));
    }

    @Test
    void privateFilesAreOwnerOnly() throws Exception {
        Path secret = dir.resolve("secrets.properties");
        PrivateFiles.writePrivate(secret, "k=v".getBytes());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(Files.readString(secret)).isEqualTo("k=v");
    }
}
