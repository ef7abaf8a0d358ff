// Every unit test gets a real IndexedDB implementation in memory, not a mock.
import 'fake-indexeddb/auto';
