using Xunit;

// The hosted tests time Ctrl+C against a one-second budget on machines with two cores; test classes running beside
// them (eight producer threads in the queue tests) would measure the machine's load rather than the module.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
