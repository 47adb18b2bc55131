package org.odpsexplorer.app.common;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads and writes {@link AppSettings} as {@code settings.properties} in the config directory. Blocking file I/O:
 * call from a worker or before the window is shown, never from the FX thread while it is interactive.
 */
public final class SettingsStore {
    private final Path file;

    public SettingsStore(Path configDir) {
        this.file = configDir.resolve("settings.properties");
    }

    /** Returns the stored settings, or {@link AppSettings#DEFAULTS} when there are none yet. */
    public AppSettings load() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return AppSettings.DEFAULTS;
        }
        List<AppSettings.OpenTab> tabs = new ArrayList<>();
        for (int i = 0; p.containsKey("tab." + i + ".resource"); i++) {
            String prefix = "tab." + i + ".";
            tabs.add(new AppSettings.OpenTab(p.getProperty(prefix + "connection", ""),
                    p.getProperty(prefix + "project", ""), p.getProperty(prefix + "resource"),
                    p.getProperty(prefix + "mode", "r")));
        }
        List<AppSettings.OpenGrid> grids = new ArrayList<>();
        for (int i = 0; p.containsKey("grid." + i + ".resource"); i++) {
            String prefix = "grid." + i + ".";
            grids.add(new AppSettings.OpenGrid(p.getProperty(prefix + "connection", ""),
                    p.getProperty(prefix + "project", ""), p.getProperty(prefix + "resource"),
                    p.getProperty(prefix + "partition", ""), (long) number(p, prefix + "row", 0)));
        }
        AppSettings d = AppSettings.DEFAULTS;
        return new AppSettings(number(p, "window.width", d.width()), number(p, "window.height", d.height()),
                number(p, "split.tree", d.treeDivider()), number(p, "split.details", d.detailsDivider()), tabs,
                grids, Theme.parse(p.getProperty("theme", d.theme().id())));
    }

    public void save(AppSettings settings) throws IOException {
        Properties p = new Properties();
        p.setProperty("window.width", Double.toString(settings.width()));
        p.setProperty("window.height", Double.toString(settings.height()));
        p.setProperty("split.tree", Double.toString(settings.treeDivider()));
        p.setProperty("split.details", Double.toString(settings.detailsDivider()));
        p.setProperty("theme", settings.theme().id());
        List<AppSettings.OpenTab> tabs = settings.openTabs();
        for (int i = 0; i < tabs.size(); i++) {
            AppSettings.OpenTab t = tabs.get(i);
            String prefix = "tab." + i + ".";
            p.setProperty(prefix + "connection", t.connectionId());
            p.setProperty(prefix + "project", t.project());
            p.setProperty(prefix + "resource", t.resource());
            p.setProperty(prefix + "mode", t.mode());
        }
        List<AppSettings.OpenGrid> grids = settings.openGrids();
        for (int i = 0; i < grids.size(); i++) {
            AppSettings.OpenGrid g = grids.get(i);
            String prefix = "grid." + i + ".";
            p.setProperty(prefix + "connection", g.connectionId());
            p.setProperty(prefix + "project", g.project());
            p.setProperty(prefix + "resource", g.resource());
            p.setProperty(prefix + "partition", g.partition());
            p.setProperty(prefix + "row", Long.toString(g.topRow()));
        }
        StringWriter out = new StringWriter();
        p.store(out, "ODPS Explorer window state");
        PrivateFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static double number(Properties p, String key, double fallback) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            // a hand-edited or corrupt value: the default is the sensible answer, the file is rewritten at exit
            return fallback;
        }
    }
}
