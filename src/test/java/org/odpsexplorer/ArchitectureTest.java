package org.odpsexplorer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
