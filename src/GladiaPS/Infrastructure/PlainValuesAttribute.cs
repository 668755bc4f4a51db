using System;
using System.Management.Automation;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// Gives a hashtable or array parameter its values plain (see <see cref="PlainValues"/>), so that what a command
    /// returned can be put in it like a literal.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class PlainValuesAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) => PlainValues.Unwrap(inputData);
    }
}
