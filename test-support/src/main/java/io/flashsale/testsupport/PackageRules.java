package io.flashsale.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package scheme every service follows (README, "Code map"): a feature, then its layers ({@code rest},
 * {@code service}, {@code messaging}, {@code persistence} or {@code redis}, {@code config}). No two packages
 * depend on each other, nothing but a resource depends on {@code rest}, and the stores reach no layer above
 * them. A service's test extends this with its root package (ArchUnit, on its compiled main classes).
 */
public abstract class PackageRules {

    private final String root;
    private final JavaClasses classes;

    protected PackageRules(String root) {
        this.root = root;
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching(root + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyResourcesDependOnTheRestLayer() {
        noClasses().that().resideOutsideOfPackage(root + "..rest..")
                .should().dependOnClassesThat().resideInAPackage(root + "..rest..")
                .check(classes);
    }

    @Test
    void theStoresReachNoLayerAboveThem() {
        noClasses().that().resideInAnyPackage(root + "..persistence..", root + "..redis..")
                .should().dependOnClassesThat()
                .resideInAnyPackage(root + "..rest..", root + "..service..", root + "..messaging..")
                .check(classes);
    }
}
