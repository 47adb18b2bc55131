package org.odpsexplorer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
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
            .should().callConstructor(ObjectMapper.class)
            .because("the protocol code shares one mapper (wire.Json) and the app has one for its own files "
                    + "(ConnectionStore); a mapper per class is one more configuration to keep in step");

    @ArchTest
    static final ArchRule layersAreFreeOfCycles = slices().matching("org.odpsexplorer.(*)..").should().beFreeOfCycles()
            .because("wire, sdk, emulator and app form a one-way stack (docs/architecture.md)");

    @ArchTest
    static final ArchRule sdkPackagesAreFreeOfCycles = slices().matching("org.odpsexplorer.(sdk..)").should()
            .beFreeOfCycles()
            .because("the SDK's plumbing (sdk.internal..) serves the façade (sdk, sdk.table) and depends only on the "
                    + "values and errors both share (sdk.model), so each package can be read and changed on its own");

    @ArchTest
    static final ArchRule wirePackagesAreFreeOfCycles = slices().matching("org.odpsexplorer.(wire..)").should()
            .beFreeOfCycles()
            .because("the protocol code is layered: wire.tunnel (record codec) builds on wire, never the reverse");

    @ArchTest
    static final ArchRule appPackagesAreFreeOfCycles = slices().matching("org.odpsexplorer.(app..)").should()
            .beFreeOfCycles()
            .because("the app's feature packages build on each other one way (the editor writes to the history, the "
                    + "history panel's views sit above both), so a feature can be read and changed on its own");

    @ArchTest
    static final ArchRule emulatorPackagesAreFreeOfCycles = slices().matching("org.odpsexplorer.(emulator..)")
            .should().beFreeOfCycles()
            .because("the emulator's packages form a stack: http and store at the bottom, routes (rest, sql, table, "
                    + "tunnel) above, EmulatorServer on top");

    @ArchTest
    static final ArchRule sdkPlumbingDoesNotKnowTheFacade = noClasses().that()
            .resideInAPackage("org.odpsexplorer.sdk.internal..")
            .should().dependOnClassesThat().resideInAnyPackage("org.odpsexplorer.sdk", "org.odpsexplorer.sdk.table")
            .because("the plumbing serves the façade (Odps, Resource, Table ...) and speaks only the shared values and "
                    + "errors of sdk.model; a way back would make the two one package again");

    @ArchTest
    static final ArchRule noPublicSdkConstructorTakesAPlumbingType = constructors().that()
            .areDeclaredInClassesThat().resideInAnyPackage("org.odpsexplorer.sdk", "org.odpsexplorer.sdk.model",
                    "org.odpsexplorer.sdk.table")
            .and().arePublic()
            .should(new ArchCondition<JavaConstructor>("take no parameter from sdk.internal") {
                @Override
                public void check(JavaConstructor c, ConditionEvents events) {
                    for (JavaClass p : c.getRawParameterTypes()) {
                        if (p.getPackageName().startsWith("org.odpsexplorer.sdk.internal")) {
                            events.add(SimpleConditionEvent.violated(c, c.getFullName() + " takes " + p.getName()));
                        }
                    }
                }
            })
            .because("the public API never asks callers for plumbing they must not use (the app may not touch "
                    + "sdk.internal); the client builds handles through package-private constructors or TableHandles");

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
