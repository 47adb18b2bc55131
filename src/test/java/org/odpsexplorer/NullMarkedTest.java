package org.odpsexplorer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jspecify.annotations.NullMarked;

/**
 * Every main package is {@code @NullMarked}: the build runs NullAway with {@code OnlyNullMarked=true}, so a package
 * without the annotation in its {@code package-info.java} would compile unchecked and nobody would notice.
 */
@AnalyzeClasses(packages = "org.odpsexplorer", importOptions = ImportOption.DoNotIncludeTests.class)
class NullMarkedTest {

    @ArchTest
    static final ArchRule everyPackageIsNullMarked = classes().should(beInANullMarkedPackage())
            .because("NullAway checks only @NullMarked code; add a package-info.java with @NullMarked to a new package");

    private static ArchCondition<JavaClass> beInANullMarkedPackage() {
        return new ArchCondition<>("be in a package annotated @NullMarked") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (!c.getPackage().isAnnotatedWith(NullMarked.class)) {
                    events.add(SimpleConditionEvent.violated(c, "package " + c.getPackageName()
                            + " of " + c.getName() + " is not @NullMarked"));
                }
            }
        };
    }
}
