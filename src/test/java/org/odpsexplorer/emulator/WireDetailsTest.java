package org.odpsexplorer.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.wire.HttpDates;

/**
 * Wire details the official clients depend on ({@code protocol/rest.md} §2, §4, §7, §10): exact response header spelling,
 * ranged reads with {@code x-odps-resource-has-remaining}, listing pages and markers, decoded paths
 * ({@code registration%2Ffunctions}, non-ASCII names), PyODPS's single-request writes, the side calls, and the
 * fault-injection hook.
 */
class WireDetailsTest {
    private static final String P = "/projects/p1";

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

    @Test
    void metaCarriesEveryHeaderTheClientsNeedSpelledExactly() throws IOException {
        create("m.py", "py", "print(1)");
        RawHttp.Response meta = client.call("GET", P + "/resources/m.py").query("meta").send();
        assertThat(meta.status()).isEqualTo(200);
        assertThat(meta.body()).isEmpty();
        for (String name : List.of("x-odps-request-id", "x-odps-resource-type", "x-odps-creation-time",
                "Last-Modified", "x-odps-owner", "x-odps-updator", "x-odps-resource-size", "Content-MD5",
                "x-odps-resource-istemp", "schema-name")) {
            assertThat(meta.hasExactHeader(name)).as(name).isTrue();
        }
        assertThat(meta.header("x-odps-resource-type")).isEqualTo("py");
        assertThat(meta.header("x-odps-resource-size")).isEqualTo("8");
        assertThat(meta.header("Content-MD5")).isEqualTo(SignedClient.md5Hex("print(1)".getBytes(StandardCharsets.UTF_8)));
        assertThat(HttpDates.parse(meta.header("x-odps-creation-time"))).isNotNull();
        assertThat(meta.header("schema-name")).isEqualTo("default");
    }

    @Test
    void rangedReadsSeekAndReportRemainingBytesWithTheLowercaseHeader() throws IOException {
        create("r.txt", "file", "0123456789");
        RawHttp.Response first = client.call("GET", P + "/resources/r.txt").query("rOffset=0&rSize=4")
                .header("Content-Type", "application/octet-stream").send();
        assertThat(first.text()).isEqualTo("0123");
        assertThat(first.hasExactHeader("x-odps-resource-has-remaining")).isTrue();
        assertThat(first.header("x-odps-resource-has-remaining")).isEqualTo("true");
        RawHttp.Response middle = client.call("GET", P + "/resources/r.txt").query("rSize=3&rOffset=4").send();
        assertThat(middle.text()).isEqualTo("456");
        RawHttp.Response last = client.call("GET", P + "/resources/r.txt").query("rOffset=7&rSize=100").send();
        assertThat(last.text()).isEqualTo("789");
        assertThat(last.header("x-odps-resource-has-remaining")).isEqualTo("false");
        RawHttp.Response whole = client.call("GET", P + "/resources/r.txt").send();
        assertThat(whole.text()).isEqualTo("0123456789");
        assertThat(whole.header("x-odps-resource-has-remaining")).isEqualTo("false");
        RawHttp.Response beyond = client.call("GET", P + "/resources/r.txt").query("rOffset=50").send();
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.body()).isEmpty();
        assertThat(beyond.header("x-odps-resource-has-remaining")).isEqualTo("false");
    }

    @Test
    void listingPagesFollowSafeMarkersAndAlwaysCarryAMarker() throws IOException {
        for (String name : List.of("c.txt", "a.txt", "b.txt", "d.txt", "e.txt")) {
            create(name, "file", name);
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String query = "expectmarker=true&maxitems=2" + (marker == null ? "" : "&marker=" + marker);
            String xml = client.call("GET", P + "/resources").query(query).send().text();
            assertThat(xml).contains("<Marker>");
            seen.addAll(all(xml, "<Name>([^<]*)</Name>"));
            marker = all(xml, "<Marker>([^<]*)</Marker>").stream().findFirst().orElse("");
            assertThat(marker).matches("[A-Za-z0-9._-]*");
            pages++;
        } while (!marker.isEmpty());
        assertThat(seen).containsExactly("a.txt", "b.txt", "c.txt", "d.txt", "e.txt");
        assertThat(pages).isEqualTo(3);
        String empty = client.call("GET", P + "/resources").query("expectmarker=true&name=zzz").send().text();
        assertThat(empty).contains("<Marker></Marker>").doesNotContain("<Resource>");
    }

    @Test
    void pathsAreDecodedBeforeRoutingIncludingEncodedSlashAndUtf8() throws IOException {
        RawHttp.Response created = client.call("POST", P + "/resources").header("x-odps-resource-name", "数据 v1.txt")
                .header("x-odps-resource-type", "file").body("unicode").send();
        assertThat(created.status()).isEqualTo(201);
        RawHttp.Response meta = client.call("GET", P + "/resources/%E6%95%B0%E6%8D%AE%20v1.txt").query("meta").send();
        assertThat(meta.status()).isEqualTo(200);
        assertThat(meta.header("x-odps-resource-name")).startsWith("=?UTF-8?B?");
        RawHttp.Response list = client.call("GET", P + "/registration%2Ffunctions").query("expectmarker=true").send();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text()).contains("<Functions>").contains("<Marker></Marker>");
    }

    @Test
    void pyodpsStyleSingleRequestWritesKeepTheCommentWhenAnUpdateOmitsIt() throws IOException {
        RawHttp.Response created = client.call("POST", P + "/resources").noContentMd5()
                .header("Content-Type", "application/octet-stream")
                .header("Content-Disposition", "attachment;filename=s.txt").header("x-odps-resource-type", "file")
                .header("x-odps-resource-name", "s.txt").header("x-odps-comment", "keep me").body("v1").send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/projects/p1/resources/s.txt");
        RawHttp.Response updated = client.call("PUT", P + "/resources/s.txt").noContentMd5()
                .header("x-odps-resource-type", "file").header("x-odps-resource-name", "s.txt").body("version 2").send();
        assertThat(updated.status()).isEqualTo(201);
        RawHttp.Response meta = client.call("GET", P + "/resources/s.txt").query("meta").send();
        assertThat(meta.header("x-odps-comment")).isEqualTo("keep me");
        assertThat(client.call("GET", P + "/resources/s.txt").send().text()).isEqualTo("version 2");
    }

    @Test
    void partsAreTempOverwritableAndUnlisted() throws IOException {
        for (String content : List.of("first", "second")) {
            assertThat(client.call("POST", P + "/resources").query("rIsPart=true")
                    .header("x-odps-resource-name", "x.part.tmp.000000").header("x-odps-resource-type", "file")
                    .header("x-odps-resource-istemp", "true").body(content).send().status()).isEqualTo(201);
        }
        assertThat(client.call("GET", P + "/resources/x.part.tmp.000000").send().text()).isEqualTo("second");
        assertThat(client.call("GET", P + "/resources").query("expectmarker=true").send().text())
                .doesNotContain("x.part.tmp");
    }

    @Test
    void sideCallsAnswerWhatEveryClientExpects() throws IOException {
        RawHttp.Response project = client.call("GET", "/projects/p1").send();
        assertThat(project.status()).isEqualTo(200);
        assertThat(project.hasExactHeader("x-odps-owner")).isTrue();
        assertThat(project.hasExactHeader("x-odps-creation-time")).isTrue();
        assertThat(project.header("Last-Modified")).isNotBlank();
        assertThat(project.text()).contains("<Name>p1</Name>").contains("<State>AVAILABLE</State>");

        RawHttp.Response tenants = client.call("GET", "/tenants").query("curr_project=p1").send();
        assertThat(tenants.header("Content-Type")).startsWith("application/json");
        assertThat(tenants.text()).contains("\"odps.namespace.schema\":\"false\"");
        assertThat(client.call("GET", "/logview/host").send().text()).startsWith("http://127.0.0.1:");
        assertThat(client.call("PUT", "/projects/p1/logs").body("{\"x\":1}").noContentMd5().send().status())
                .isEqualTo(200);
        RawHttp.Response tunnel = client.call("GET", "/projects/p1/tunnel").query("service").send();
        assertThat(tunnel.text()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(client.call("GET", "/projects/p1/tables/t1").send().status()).isEqualTo(404);
    }

    @Test
    void injectedFaultsFailDelayAndDropChosenRequestsWithoutSideEffects() throws IOException {
        server.faults().failNext("POST", "/projects/p1/resources", 503, 1);
        RawHttp.Response failed = client.call("POST", P + "/resources").header("x-odps-resource-name", "f.txt")
                .header("x-odps-resource-type", "file").body("x").send();
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.text()).contains("<Code>ServiceUnavailable</Code>");
        assertThat(client.call("GET", P + "/resources/f.txt").query("meta").send().status()).isEqualTo(404);

        server.faults().dropConnectionNext("GET", "/api/projects/p1/resources/f.txt", 1);
        create("f.txt", "file", "x");
        assertThatThrownBy(() -> client.call("GET", P + "/resources/f.txt").send()).isInstanceOf(IOException.class);
        server.faults().delayNext("*", "/projects/p1", Duration.ofMillis(50), 1);
        assertThat(client.call("GET", P + "/resources/f.txt").send().text()).isEqualTo("x");

        server.faults().failNext("GET", "/projects/p1", 500, 5);
        server.faults().clear();
        assertThat(client.call("GET", P).send().status()).isEqualTo(200);
    }

    private void create(String name, String type, String content) throws IOException {
        assertThat(client.call("POST", P + "/resources").header("x-odps-resource-name", name)
                .header("x-odps-resource-type", type).body(content).send().status()).isEqualTo(201);
    }

    private static List<String> all(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
