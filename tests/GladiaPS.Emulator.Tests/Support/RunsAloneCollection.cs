using Xunit;

namespace GladiaPS.Emulator.Tests.Support
{
    /// <summary>Tests that measure the process (heap, throughput) run alone, so other tests' work does not count.</summary>
    [CollectionDefinition(nameof(ThroughputTests), DisableParallelization = true)]
    public sealed class RunsAloneCollection
    {
    }
}
