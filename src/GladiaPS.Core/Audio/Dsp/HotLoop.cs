using System.Runtime.CompilerServices;

namespace GladiaPS.Core.Audio.Dsp
{
    /// <summary>
    /// Marks the per-sample loops the pipeline spends its time in. The runtime's tiered JIT first compiles a method
    /// with a loop unoptimised and only later replaces it; for these loops that first code ran the whole pipeline
    /// at half speed for seconds at a time. AggressiveOptimization (not in netstandard2.0's enum, hence its value)
    /// compiles them optimised from the first call.
    /// </summary>
    internal static class HotLoop
    {
        public const MethodImplOptions FullyOptimized = (MethodImplOptions)512;
    }
}
