package org.odpsexplorer.app.connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Test keychain: entries in memory; can be locked (every call refused) or refuse writes only, like a real one. */
final class FakeKeychain implements Keychain {
    final Map<String, String> entries = new ConcurrentHashMap<>();
    volatile boolean locked;
    volatile boolean refusesWrites;

    @Override
    public String name() {
        return "the fake keychain";
    }

    @Override
    public String get(String account) throws KeychainException {
        if (locked) {
            throw new KeychainException("the collection is locked", null);
        }
        String value = entries.get(account);
        if (value == null) {
            throw new KeychainException("no entry '" + account + "'", null);
        }
        return value;
    }

    @Override
    public void put(String account, String value) throws KeychainException {
        if (locked || refusesWrites) {
            throw new KeychainException("the user dismissed the prompt", null);
        }
        entries.put(account, value);
    }

    @Override
    public void delete(String account) throws KeychainException {
        if (locked) {
            throw new KeychainException("the collection is locked", null);
        }
        entries.remove(account);
    }

    /** Whether any entry holds {@code text}. */
    boolean holds(String text) {
        return entries.values().stream().anyMatch(v -> v.contains(text));
    }
}
