package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.wire.HttpDates;

/**
 * The function routes on the wire ({@code protocol/rest.md} §9): PyODPS's {@code registration%2Ffunctions} path for every
 * method, the status codes, resource names in the forms both clients parse (schema-qualified when the call names a
 * schema), and 4xx answers for what the routes refuse.
 */
class FunctionRoutesTest {
    private static final String P = "/projects/p1";
    private static final String BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Function><Alias>%s</Alias>"
            + "<ClassType>%s</ClassType><Resources>%s</Resources></Function>";

    @TempDir
    Path dataDir;
    EmulatorServer server;
    SignedClient client;

    @BeforeEach
    void start() throws IOException {
        server = EmulatorServer.start(EmulatorConfig.builder().dataDir(dataDir).project("p1")
                .accessKey("ak", "sk").build());
        client = new SignedClient(server.port(), "ak", "sk");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String body(String alias, String classType, String... resources) {
        StringBuilder r = new StringBuilder();
        for (String name : resources) {
            r.append("<ResourceName>").append(name).append("</ResourceName>");
        }
        return String.format(BODY, alias, classType, r);
    }

    private RawHttp.Response post(String path, String xml) throws IOException {
        return client.call("POST", path).header("Content-Type", "application/xml").body(xml).send();
    }

    @Test
    void pyodpsEncodedSlashPathServesCreateGetUpdateAndDeleteWithTheDocumentedStatuses() throws IOException {
        RawHttp.Response created = post(P + "/registration%2Ffunctions", body("f_up", "u.Upper", "u.py"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/projects/p1/registration/functions/f_up");

        RawHttp.Response got = client.call("GET", P + "/registration%2Ffunctions/f_up").send();
        assertThat(got.status()).isEqualTo(200);
        String xml = got.text();
        assertThat(xml).contains("<Function><Alias>f_up</Alias>").contains("<ClassType>u.Upper</ClassType>")
                .contains("<Resources><ResourceName>p1/resources/u.py</ResourceName></Resources>")
                .contains("<Owner>ALIYUN$ak@odps-explorer.local</Owner>");
        String created1123 = xml.replaceAll("(?s).*<CreationTime>([^<]*)</CreationTime>.*", "$1");
        assertThat(HttpDates.parse(created1123)).isNotNull();

        RawHttp.Response updated = client.call("PUT", P + "/registration%2Ffunctions/f_up")
                .header("Content-Type", "application/xml").body(body("f_up", "u.Upper2", "u.py", "v.jar")).send();
        assertThat(updated.status()).isEqualTo(200);
        assertThat(client.call("GET", P + "/registration/functions/f_up").send().text())
                .contains("<ClassType>u.Upper2</ClassType>")
                .contains("<ResourceName>p1/resources/u.py</ResourceName><ResourceName>p1/resources/v.jar</ResourceName>")
                .contains("<CreationTime>" + created1123 + "</CreationTime>");

        assertThat(client.call("DELETE", P + "/registration%2Ffunctions/f_up").send().status()).isEqualTo(204);
        RawHttp.Response missing = client.call("GET", P + "/registration%2Ffunctions/f_up").send();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).contains("<Code>NoSuchObject</Code>").contains("<RequestId>");
    }

    @Test
    void aTakenNameIs409AndAMissingOneIs404OnUpdateAndDelete() throws IOException {
        assertThat(post(P + "/registration/functions", body("f1", "a.B", "a.py")).status()).isEqualTo(201);
        RawHttp.Response again = post(P + "/registration/functions", body("f1", "a.B", "a.py"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text()).contains("<Code>ObjectAlreadyExists</Code>");
        RawHttp.Response update = client.call("PUT", P + "/registration/functions/nope")
                .header("Content-Type", "application/xml").body(body("nope", "a.B", "a.py")).send();
        assertThat(update.status()).isEqualTo(404);
        assertThat(client.call("DELETE", P + "/registration/functions/nope").send().status()).isEqualTo(404);
    }

    @Test
    void aBareResourceNameIsQualifiedWithTheCallsSchemaAndFullFormsAreKept() throws IOException {
        assertThat(post(P + "/registration/functions?curr_schema=s1",
                body("f_s", "a.B", "a.py", "p1/resources/b.jar", "other/schemas/x/resources/c.zip")).status())
                .isEqualTo(201);
        String xml = client.call("GET", P + "/registration/functions/f_s").query("curr_schema=s1").send().text();
        assertThat(xml).contains("<ResourceName>p1/schemas/s1/resources/a.py</ResourceName>"
                + "<ResourceName>p1/resources/b.jar</ResourceName>"
                + "<ResourceName>other/schemas/x/resources/c.zip</ResourceName>")
                .contains("<SchemaName>s1</SchemaName>");
        assertThat(client.call("GET", P + "/registration/functions").query("expectmarker=true").send().text())
                .as("the default schema holds no function").doesNotContain("<Function>");
    }

    @Test
    void refusedBodiesAre400WithTheDocumentedErrorNeverA500() throws IOException {
        for (String bad : new String[] {
                body("f", "a.B", "p1/oops/a.py"),         // neither form
                body("f", "a.B", "p1/resources/"),        // empty name
                body("f", "", "a.py"),                    // no class type
                "<Resource><Alias>f</Alias></Resource>",  // wrong root
                "<Function><Alias>f</Alias>"}) {          // malformed
            RawHttp.Response r = post(P + "/registration/functions", bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.text()).as(bad).contains("<Code>InvalidParameter</Code>");
        }
        assertThat(client.call("GET", P + "/registration/functions").query("expectmarker=true").send().text())
                .doesNotContain("<Function>");
    }

    @Test
    void aBodyWithADoctypeIs400AndNoExternalEntityIsRead() throws IOException {
        Path secret = dataDir.resolveSibling(dataDir.getFileName() + "-secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        try {
            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Function [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                    + "<Function><Alias>f_x</Alias><ClassType>&x;</ClassType><Resources/></Function>";
            RawHttp.Response r = post(P + "/registration/functions", xxe);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).contains("<Code>InvalidParameter</Code>").doesNotContain("TOP-SECRET-42");
            assertThat(client.call("GET", P + "/registration/functions/f_x").send().status()).isEqualTo(404);
        } finally {
            Files.delete(secret);
        }
    }

    @Test
    void listingPagesWithMarkerAndMaxItemsAndFiltersByNameAndOwner() throws IOException {
        for (int i = 0; i < 5; i++) {
            assertThat(post(P + "/registration/functions", body("fn_" + i, "a.B", "a.py")).status()).isEqualTo(201);
        }
        String first = client.call("GET", P + "/registration/functions").query("expectmarker=true&maxitems=2")
                .send().text();
        assertThat(first).contains("<Alias>fn_0</Alias>", "<Alias>fn_1</Alias>").doesNotContain("fn_2")
                .contains("<MaxItems>2</MaxItems>");
        String marker = first.replaceAll("(?s).*<Marker>([^<]*)</Marker>.*", "$1");
        assertThat(marker).isNotEmpty();
        String second = client.call("GET", P + "/registration/functions")
                .query("expectmarker=true&maxitems=2&marker=" + marker).send().text();
        assertThat(second).contains("<Alias>fn_2</Alias>", "<Alias>fn_3</Alias>").doesNotContain("fn_1<");
        assertThat(client.call("GET", P + "/registration/functions").query("expectmarker=true&name=fn_4").send()
                .text()).contains("fn_4").doesNotContain("fn_3");
        assertThat(client.call("GET", P + "/registration/functions").query("expectmarker=true&owner=someone")
                .send().text()).doesNotContain("<Function>");
    }
}
