package org.odpsexplorer.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HighlighterTest {
    private static String styleOf(String text, Language lang, String fragment) {
        List<Token> tokens = Highlighter.compute(text, lang);
        return Highlighter.styleAt(tokens, text.indexOf(fragment));
    }

    @Test
    void languageComesFromTheExtensionAndPyType() {
        assertThat(Language.forResource("etl/job.PY", "file")).isEqualTo(Language.PYTHON);
        assertThat(Language.forResource("udf", "py")).isEqualTo(Language.PYTHON);
        assertThat(Language.forResource("q.sql", "file")).isEqualTo(Language.SQL);
        assertThat(Language.forResource("run.sh", "file")).isEqualTo(Language.SHELL);
        assertThat(Language.forResource("a.json", "file")).isEqualTo(Language.JSON);
        assertThat(Language.forResource("pom.xml", "file")).isEqualTo(Language.XML);
        assertThat(Language.forResource("c.yml", "file")).isEqualTo(Language.YAML);
        assertThat(Language.forResource("odps_config.ini", "file")).isEqualTo(Language.INI);
        assertThat(Language.forResource("x.properties", "file")).isEqualTo(Language.INI);
        assertThat(Language.forResource("data.csv", "file")).isEqualTo(Language.PLAIN);
    }

    @Test
    void pythonKeywordsStringsCommentsAndNumbers() {
        String src = "def f(x):\n    # say 'hi'\n    return \"def\" + 42\n";
        assertThat(styleOf(src, Language.PYTHON, "def")).isEqualTo("keyword");
        assertThat(styleOf(src, Language.PYTHON, "# say")).isEqualTo("comment");
        assertThat(styleOf(src, Language.PYTHON, "'hi'")).isEqualTo("comment");
        assertThat(styleOf(src, Language.PYTHON, "\"def\"")).isEqualTo("string");
        assertThat(styleOf(src, Language.PYTHON, "42")).isEqualTo("number");
        assertThat(styleOf(src, Language.PYTHON, "f(")).isNull();
    }

    @Test
    void sqlIsCaseInsensitiveAndHandlesBothCommentForms() {
        String src = "SELECT a FROM t -- where\nwhere b = 'it''s' /* x */";
        assertThat(styleOf(src, Language.SQL, "SELECT")).isEqualTo("keyword");
        assertThat(styleOf(src, Language.SQL, "-- where")).isEqualTo("comment");
        assertThat(styleOf(src, Language.SQL, "'it''s'")).isEqualTo("string");
        assertThat(styleOf(src, Language.SQL, "s' /*")).isEqualTo("string");
        assertThat(styleOf(src, Language.SQL, "/* x")).isEqualTo("comment");
    }

    @Test
    void shellVariablesAndComments() {
        String src = "for f in $FILES; do echo \"${f}\" # done\ndone";
        assertThat(styleOf(src, Language.SHELL, "for")).isEqualTo("keyword");
        assertThat(styleOf(src, Language.SHELL, "$FILES")).isEqualTo("variable");
        assertThat(styleOf(src, Language.SHELL, "\"${f}\"")).isEqualTo("string");
        assertThat(styleOf(src, Language.SHELL, "# done")).isEqualTo("comment");
    }

    @Test
    void jsonKeysDifferFromStringValues() {
        String src = "{\"name\": \"v\", \"n\": -1.5e3, \"ok\": true}";
        assertThat(styleOf(src, Language.JSON, "\"name\"")).isEqualTo("key");
        assertThat(styleOf(src, Language.JSON, "\"v\"")).isEqualTo("string");
        assertThat(styleOf(src, Language.JSON, "1.5e3")).isEqualTo("number");
        assertThat(styleOf(src, Language.JSON, "true")).isEqualTo("keyword");
    }

    @Test
    void xmlTagsAttributesAndComments() {
        String src = "<a href=\"x\"><!-- c --></a>";
        assertThat(styleOf(src, Language.XML, "<a")).isEqualTo("tag");
        assertThat(styleOf(src, Language.XML, "href")).isEqualTo("attribute");
        assertThat(styleOf(src, Language.XML, "\"x\"")).isEqualTo("string");
        assertThat(styleOf(src, Language.XML, "<!--")).isEqualTo("comment");
    }

    @Test
    void yamlAndIniKeysSectionsAndComments() {
        String yaml = "name: job\n# note\nretries: 3\nenabled: true\n";
        assertThat(styleOf(yaml, Language.YAML, "name")).isEqualTo("key");
        assertThat(styleOf(yaml, Language.YAML, "# note")).isEqualTo("comment");
        assertThat(styleOf(yaml, Language.YAML, "3")).isEqualTo("number");
        assertThat(styleOf(yaml, Language.YAML, "true")).isEqualTo("keyword");
        String ini = "[odps]\n; c\nend_point = http://x\n";
        assertThat(styleOf(ini, Language.INI, "[odps]")).isEqualTo("section");
        assertThat(styleOf(ini, Language.INI, "; c")).isEqualTo("comment");
        assertThat(styleOf(ini, Language.INI, "end_point")).isEqualTo("key");
    }

    @Test
    void tokensAreSortedAndDoNotOverlap() {
        String src = "x = '''doc\n# not comment'''\n# real\n";
        List<Token> tokens = Highlighter.compute(src, Language.PYTHON);
        for (int i = 1; i < tokens.size(); i++) {
            assertThat(tokens.get(i).start()).isGreaterThanOrEqualTo(tokens.get(i - 1).end());
        }
        assertThat(styleOf(src, Language.PYTHON, "# not")).isEqualTo("string");
        assertThat(styleOf(src, Language.PYTHON, "# real")).isEqualTo("comment");
    }
}
