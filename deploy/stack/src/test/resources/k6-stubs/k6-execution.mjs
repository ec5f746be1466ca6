// Stand-in for k6's 'k6/execution' module in the tests: exec.test.options are the consolidated options the test sets
// in globalThis.k6TestOptions (by default a whole run: no execution segment); like k6, reading them in the init
// context throws.
export default {
  test: {
    get options() {
      if (globalThis.k6InitContext) {
        throw new Error('getting test options in the init context is not supported');
      }
      return globalThis.k6TestOptions;
    },
  },
};
