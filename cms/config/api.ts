export default () => ({
  rest: {
    // Explicit limits: the public API must never return unbounded lists.
    defaultLimit: 20,
    maxLimit: 100,
    withCount: true,
  },
});
