// Loaded before every test file. Tests never reach the network: nock (when a test loads it)
// blocks everything but loopback. Nothing else is global.
export {};
