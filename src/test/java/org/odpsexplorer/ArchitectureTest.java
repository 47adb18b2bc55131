package org.odpsexplorer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Arrays;

/** Keeps the layering of DEVELOPERS.md: wire ← sdk / emulator ← app; only app knows JavaFX. */
@AnalyzeClasses(packages = "org.odpsexplorer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] UI = {"javafx..", "org.fxmisc..", "org.controlsfx..", "atlantafx.."};

    @ArchTest
    static final ArchRule sdkHasNoUiAndNoServer = noClasses().that().resideInAPackage("org.odpsexplorer.sdk..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(UI, "org.odpsexplorer.app..",
                    "org.odpsexplorer.emulator..", "org.eclipse.jetty..", "org.sqlite.."))
            .because("the SDK must work in a headless program against the real service, not only our emulator");

    @ArchTest
    static final ArchRule emulatorHasNoUiAndNoClient = noClasses().that().resideInAPackage("org.odpsexplorer.emulator..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(UI, "org.odpsexplorer.app..",
                    "org.odpsexplorer.sdk..", "okhttp3.."))
            .because("the emulator is an independent server implementation; sharing client code would hide bugs");

    @ArchTest
    static final ArchRule wireStandsAlone = noClasses().that().resideInAPackage("org.odpsexplorer.wire..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(UI, "org.odpsexplorer.app..",
                    "org.odpsexplorer.sdk..", "org.odpsexplorer.emulator..", "okhttp3..", "org.eclipse.jetty.."))
            .because("both sides share the protocol code, and it depends on neither");

    @ArchTest
    static final ArchRule appTalksToServicesOnlyThroughTheSdk = noClasses().that().resideInAPackage("org.odpsexplorer.app..")
            .should().dependOnClassesThat().resideInAnyPackage("org.odpsexplorer.emulator.store..",
                    "org.odpsexplorer.emulator.http..", "org.odpsexplorer.sdk.internal..", "okhttp3..",
                    "org.eclipse.jetty..", "org.sqlite..")
            .because("the UI talks to services through the public SDK and may only start the emulator via its entry class");

    @ArchTest
    static final ArchRule appStartsTheEmulatorOnlyThroughItsEntryClass = noClasses().that()
            .resideInAPackage("org.odpsexplorer.app..")
            .should().dependOnClassesThat(resideInAPackageOtherThanTheEntry())
            .because("the app may start the embedded emulator (EmulatorServer with its EmulatorConfig; the launcher hands `serve` to ServeCommand), "
                    + "never reach into its routes, store or tables; everything else goes through the SDK");

    @ArchTest
    static final ArchRule viewModelsKnowNoScene = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.fxmisc..", "org.controlsfx..",
                    "atlantafx..")
            .because("view-models hold state and logic only (properties and collections), so they are tested "
                    + "without a window; the views build the scene");

    @ArchTest
    static final ArchRule editorViewModelsHoldNoThreadState = noFields().that().areDeclaredInClassesThat()
            .haveSimpleNameEndingWith("ViewModel").and().areDeclaredInClassesThat()
            .resideInAnyPackage("org.odpsexplorer.app.editor..", "org.odpsexplorer.app.hex..")
            .should().haveModifier(JavaModifier.VOLATILE)
            .because("editor view-model state belongs to the FX thread: a worker returns an immutable result that "
                    + "the FX callback applies (see docs/architecture.md, Threading); ViewModelThreadingTest also "
                    + "refuses synchronized blocks there");

    @ArchTest
    static final ArchRule noStandardStreams = noClasses().that()
            .doNotHaveFullyQualifiedName("org.odpsexplorer.emulator.ServeCommand")
            .and().doNotHaveFullyQualifiedName("org.odpsexplorer.app.Launcher")
            .and().doNotHaveFullyQualifiedName("org.odpsexplorer.app.StartupReport") // --startup-report prints its line
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("diagnostics go to the log and errors to the user; only a command-line entry point "
                    + "(serve, the launcher's usage text) writes to the console");

    @ArchTest
    static final ArchRule oneLoggingApi = noClasses().should(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
            .orShould().callMethod(System.class, "getLogger", String.class)
            .because("the app, the SDK and the emulator run in one process and log through one API, SLF4J, "
                    + "so one log has one format");

    @ArchTest
    static final ArchRule oneJsonMapper = noClasses().that()
            .doNotHaveFullyQualifiedName("org.odpsexplorer.wire.Json")
            .and().doNotHaveFullyQualifiedName("org.odpsexplorer.app.connection.ConnectionStore")
            .should().callConstructor(com.fasterxml.jackson.databind.ObjectMapper.class)
            .because("the protocol code shares one mapper (wire.Json) and the app has one for its own files "
                    + "(ConnectionStore); a mapper per class is one more configuration to keep in step");

    private static DescribedPredicate<JavaClass> resideInAPackageOtherThanTheEntry() {
        return DescribedPredicate.describe("emulator classes other than its entry points "
                        + "(EmulatorServer, EmulatorConfig, ServeCommand)",
                c -> c.getPackageName().startsWith("org.odpsexplorer.emulator")
                        && !c.getName().startsWith("org.odpsexplorer.emulator.EmulatorServer")
                        && !c.getName().startsWith("org.odpsexplorer.emulator.EmulatorConfig")
                        && !c.getName().equals("org.odpsexplorer.emulator.ServeCommand"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
