package org.odpsexplorer.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one XML reader ({@link XmlTree}) and writer ({@link XmlWriter}) both sides use: the exact bytes the emulator's
 * answers and the client's job bodies had before they shared it, round trips, and refusal of DTDs (XXE).
 */
class XmlTest {
    private static final String DECL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    @Test
    void compactWriterProducesTheServiceShapedErrorBodyByteForByte() {
        String xml = XmlWriter.compact().open("Error").element("Code", "NoSuchObject")
                .cdata("Message", "ODPS-0130131:Table not found - 'a]]>b'").element("RequestId", "r-1")
                .element("HostId", null).close("Error").toString();
        assertThat(xml).isEqualTo(DECL + "<Error><Code>NoSuchObject</Code>"
                + "<Message><![CDATA[ODPS-0130131:Table not found - 'a]]]]><![CDATA[>b']]></Message>"
                + "<RequestId>r-1</RequestId><HostId></HostId></Error>");
    }

    @Test
    void textAndAttributesAreEscapedAndCharactersXmlCannotCarryAreDropped() {
        String xml = XmlWriter.compact().open("Partition").empty("Column", "Name", "pt", "Value", "a\"<'&>b")
                .element("Comment", "x<y & 'q' \"z\"\u0001\u0000\ttab").cdata("Schema", "{}", "format", "json")
                .close("Partition").toString();
        assertThat(xml).isEqualTo(DECL + "<Partition><Column Name=\"pt\" Value=\"a&quot;&lt;&apos;&amp;&gt;b\"/>"
                + "<Comment>x&lt;y &amp; &apos;q&apos; &quot;z&quot;\ttab</Comment>"
                + "<Schema format=\"json\"><![CDATA[{}]]></Schema></Partition>");
        assertThat(XmlWriter.escape("<&>\"'\u0002")).isEqualTo("&lt;&amp;&gt;&quot;&apos;");
    }

    @Test
    void indentedWriterLaysOutAJobAsTheOfficialJavaSdkDoes() {
        String xml = XmlWriter.indented().open("Instance").open("Job").element("Priority", "9").open("Tasks")
                .open("SQL").element("Name", "t").open("Config").open("Property").element("Name", "type")
                .element("Value", "sql").close("Property").close("Config")
                .element("Query", "ALTER TABLE t ADD PARTITION (pt='x');").close("SQL").close("Tasks").close("Job")
                .close("Instance").toString();
        assertThat(xml).isEqualTo(DECL + "<Instance>\n  <Job>\n    <Priority>9</Priority>\n    <Tasks>\n"
                + "      <SQL>\n        <Name>t</Name>\n        <Config>\n          <Property>\n"
                + "            <Name>type</Name>\n            <Value>sql</Value>\n          </Property>\n"
                + "        </Config>\n        <Query>ALTER TABLE t ADD PARTITION (pt=&apos;x&apos;);</Query>\n"
                + "      </SQL>\n    </Tasks>\n  </Job>\n</Instance>\n");
    }

    @Test
    void closingAnElementThatIsNotTheOpenOneIsACallerBug() {
        XmlWriter w = XmlWriter.compact().open("A").open("B");
        assertThatThrownBy(() -> w.close("A")).isInstanceOf(IllegalStateException.class).hasMessageContaining("<B>");
        assertThatThrownBy(() -> XmlWriter.compact().close("A")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whatTheWriterWritesTheTreeReadsBack() throws XMLStreamException {
        String odd = "a<b>&c \"d\" 'e' ]]> f\u00e9\u4e2d";
        byte[] doc = XmlWriter.compact().open("Root", "k", odd).element("Plain", odd).cdata("Data", odd)
                .open("List").element("Item", "1").element("Item", " 2 ").close("List").close("Root").toBytes();
        XmlTree root = XmlTree.parse(doc);
        assertThat(root.name()).isEqualTo("Root");
        assertThat(root.attributes()).containsExactly(Map.entry("k", odd));
        assertThat(root.childText("Plain")).isEqualTo(odd);
        assertThat(root.childText("Data")).isEqualTo(odd);
        XmlTree list = root.child("List");
        assertThat(list).isNotNull();
        assertThat(list.all("Item")).extracting(XmlTree::rawText).containsExactly("1", " 2 ");
        assertThat(list.all("Item")).extracting(XmlTree::text).containsExactly("1", "2");
        assertThat(root.childText("Missing")).isNull();
        assertThat(root.childContent("List")).isEqualTo("1 2 ");
    }

    @Test
    void aDocumentWithADoctypeIsRefusedSoNoExternalEntityIsEverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Function [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<Function><Alias>&x;</Alias></Function>";
        assertThatThrownBy(() -> XmlTree.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(XMLStreamException.class)
                .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain("TOP-SECRET-42"));
    }

    @Test
    void entityExpansionAndUndeclaredEntitiesAreRefused() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<r>&b;</r>";
        for (String doc : List.of(laughs, "<r>&undeclared;</r>", "<!DOCTYPE r><r/>")) {
            assertThatThrownBy(() -> XmlTree.parse(doc.getBytes(StandardCharsets.UTF_8)))
                    .as(doc).isInstanceOf(XMLStreamException.class);
        }
    }

    @Test
    void predefinedAndCharacterReferencesAreStillText() throws XMLStreamException {
        XmlTree r = XmlTree.parse("<r>&lt;&amp;&gt;&quot;&apos;&#65;&#x42;</r>".getBytes(StandardCharsets.UTF_8));
        assertThat(r.text()).isEqualTo("<&>\"'AB");
    }

    @Test
    void notXmlOrNoRootIsAnError() {
        for (String doc : List.of("", "   ", "{\"Code\":\"x\"}", "<a><b></a>")) {
            assertThatThrownBy(() -> XmlTree.parse(doc.getBytes(StandardCharsets.UTF_8)))
                    .as(doc).isInstanceOf(XMLStreamException.class);
        }
    }
}
