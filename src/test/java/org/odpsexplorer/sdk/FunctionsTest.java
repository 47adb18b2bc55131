package org.odpsexplorer.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odpsexplorer.sdk.model.Function;
import org.odpsexplorer.sdk.model.NoSuchObjectException;
import org.odpsexplorer.sdk.model.ObjectAlreadyExistsException;
import org.odpsexplorer.sdk.model.OdpsTransportException;
import org.odpsexplorer.sdk.model.RetryPolicy;

/** The SDK's functions (PyODPS's list/exist/get/create/update/delete_function) against the embedded emulator. */
class FunctionsTest {
    @TempDir
    Path tempDir;
    private TestService service;
    private Odps odps;

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(tempDir);
        odps = service.client();
        odps.createResource("udf.py", "py", "def f(x): return x\n");
        odps.createResource("lib.jar", "jar", new byte[] {'P', 'K', 3, 4});
    }

    @AfterEach
    void stop() {
        odps.close();
        service.close();
    }

    private static List<String> names(Iterable<Function> functions) {
        List<String> out = new ArrayList<>();
        functions.forEach(f -> out.add(f.name()));
        return out;
    }

    @Test
    void createGetUpdateAndDeleteRoundTripWithOwnerAndCreationTimeKept() {
        Instant before = Instant.now().minusSeconds(2);
        Function created = odps.createFunction("my_upper", "udf.Upper", List.of("udf.py"));
        assertThat(created.name()).isEqualTo("my_upper");
        assertThat(created.classType()).isEqualTo("udf.Upper");
        assertThat(created.resources()).containsExactly("udf.py");
        assertThat(created.owner()).isEqualTo("ALIYUN$ak@odps-explorer.local");
        assertThat(created.creationTime()).isAfter(before);
        assertThat(created.uses("udf.py")).isTrue();
        assertThat(created.uses("lib.jar")).isFalse();
        assertThat(odps.existFunction("my_upper")).isTrue();
        assertThat(odps.existFunction("my_lower")).isFalse();
        assertThat(odps.getFunction("my_upper")).isEqualTo(created);

        Function updated = odps.updateFunction(created.withClassType("com.example.Upper")
                .withResources(List.of("lib.jar", "udf.py")));
        assertThat(updated.classType()).isEqualTo("com.example.Upper");
        assertThat(updated.resources()).containsExactly("lib.jar", "udf.py");
        assertThat(updated.owner()).isEqualTo(created.owner());
        assertThat(updated.creationTime()).isEqualTo(created.creationTime());
        assertThat(odps.getFunction("my_upper")).isEqualTo(updated);

        odps.deleteFunction("my_upper");
        assertThat(odps.existFunction("my_upper")).isFalse();
        assertThat(odps.existResource("udf.py")).as("a function's resources outlive it").isTrue();
    }

    @Test
    void missingAndTakenNamesGiveTypedErrorsWithTheRequestId() {
        odps.createFunction("f1", "udf.A", List.of("udf.py"));
        ObjectAlreadyExistsException taken = assertThrows409(() -> odps.createFunction("f1", "udf.B", List.of("udf.py")));
        assertThat(taken.requestId()).isNotBlank();
        assertThat(odps.getFunction("f1").classType()).as("the 409 changed nothing").isEqualTo("udf.A");
        for (Runnable call : List.<Runnable>of(() -> odps.getFunction("nope"), () -> odps.deleteFunction("nope"),
                () -> odps.updateFunction(Function.of("nope", "udf.A", List.of("udf.py"))))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(NoSuchObjectException.class,
                    e -> assertThat(e.requestId()).isNotBlank());
        }
    }

    private static ObjectAlreadyExistsException assertThrows409(Runnable call) {
        try {
            call.run();
        } catch (ObjectAlreadyExistsException e) {
            assertThat(e.status()).isEqualTo(409);
            return e;
        }
        throw new AssertionError("no ObjectAlreadyExistsException");
    }

    @Test
    void listingFollowsMarkersAcrossPagesAndFiltersByPrefixAndOwner() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 115; i++) {
            String name = String.format("fn_%03d", i);
            odps.createFunction(name, "udf.F" + i, List.of("udf.py"));
            expected.add(name);
        }
        odps.createFunction("other", "udf.O", List.of("lib.jar"));
        List<Function> all = new ArrayList<>();
        odps.listFunctions().forEach(all::add);
        assertThat(all).extracting(Function::name).hasSize(116).containsAll(expected).contains("other");
        assertThat(all).filteredOn(f -> f.name().equals("fn_114")).singleElement()
                .satisfies(f -> assertThat(f.classType()).isEqualTo("udf.F114"))
                .satisfies(f -> assertThat(f.resources()).containsExactly("udf.py"));
        assertThat(names(odps.listFunctions("fn_1"))).hasSize(15).allMatch(n -> n.startsWith("fn_1"));
        assertThat(names(odps.listFunctions(null, "ALIYUN$ak@odps-explorer.local"))).hasSize(116);
        assertThat(names(odps.listFunctions(null, "ALIYUN$someone@else"))).isEmpty();
    }

    @Test
    void resourcesOfAnotherProjectKeepTheirFullFormAndOwnOnesComeBackPlain() {
        Function f = odps.createFunction("mixed", "udf.M",
                List.of("udf.py", TestService.PROJECT + "/resources/lib.jar",
                        TestService.SECOND_PROJECT + "/resources/shared.jar"));
        assertThat(f.resources()).containsExactly("udf.py", "lib.jar", TestService.SECOND_PROJECT + "/resources/shared.jar");
        assertThat(f.uses("shared.jar")).isFalse();
    }

    @Test
    void aSchemaClientSeesOnlyItsSchemasFunctionsAndItsResourcesPlain() {
        try (Odps inSchema = service.builder().schema("s1").build()) {
            Function f = inSchema.createFunction("in_s1", "udf.S", List.of("udf.py"));
            assertThat(f.resources()).containsExactly("udf.py");
            assertThat(f.schemaName()).isEqualTo("s1");
            assertThat(names(inSchema.listFunctions())).containsExactly("in_s1");
        }
        assertThat(names(odps.listFunctions())).doesNotContain("in_s1");
    }

    @Test
    void badNamesAndValuesFailBeforeAnyRequest() throws Exception {
        // a client whose endpoint refuses connections: a request would fail with OdpsTransportException instead
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Odps dead = Odps.builder().endpoint("http://127.0.0.1:" + port + "/api").project("p1")
                .accessKey("ak", "sk").retryPolicy(RetryPolicy.NONE).build()) {
            for (Runnable call : List.<Runnable>of(
                    () -> dead.createFunction("", "a.B", List.of("a.py")),
                    () -> dead.createFunction("a/b", "a.B", List.of("a.py")),
                    () -> dead.createFunction(" a", "a.B", List.of("a.py")),
                    () -> dead.createFunction("a", " ", List.of("a.py")),
                    () -> dead.createFunction("a", "a.B", List.of("a b.py")),
                    () -> dead.createFunction("a", "a.B", List.of("p/other/a.py")),
                    () -> dead.getFunction("x".repeat(129)),
                    () -> dead.deleteFunction("tab\there"))) {
                assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> dead.existFunction("fine")).isInstanceOf(OdpsTransportException.class);
        }
    }
}
