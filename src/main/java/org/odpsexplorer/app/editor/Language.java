package org.odpsexplorer.app.editor;

import java.util.Locale;

/** The languages the editor highlights, chosen from a resource's name (and its type for {@code py}). */
public enum Language {
    PYTHON, SQL, SHELL, JSON, XML, YAML, INI, PLAIN;

    /** Picks the language from the name's extension; {@code resourceType} "py" means Python whatever the name. */
    public static Language forResource(String name, String resourceType) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String ext = dot < 0 ? "" : lower.substring(dot + 1);
        switch (ext) {
            case "py": case "pyw": return PYTHON;
            case "sql": case "hql": case "odps": return SQL;
            case "sh": case "bash": case "zsh": case "ksh": return SHELL;
            case "json": case "jsonl": case "ipynb": return JSON;
            case "xml": case "xsd": case "xsl": case "pom": case "html": case "svg": return XML;
            case "yaml": case "yml": return YAML;
            case "ini": case "properties": case "cfg": case "conf": case "toml": return INI;
            default: break;
        }
        return "py".equalsIgnoreCase(resourceType) ? PYTHON : PLAIN;
    }
}
