package org.odpsexplorer.emulator;

/** Placeholder; filled in below. */
final class DemoData {
    private DemoData() {
    }

    static void fillIfEmpty(org.odpsexplorer.emulator.store.ResourceStore resources,
                            org.odpsexplorer.emulator.store.FunctionStore functions, String project, String owner) {
    }
}
