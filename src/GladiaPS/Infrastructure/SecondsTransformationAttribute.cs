using System;
using System.Globalization;
using System.Management.Automation;

namespace GladiaPS.Infrastructure
{
    /// <summary>Lets a TimeSpan parameter take a number of seconds (-Duration 30), as well as a TimeSpan or '00:00:30'.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecondsTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case int or long or double or float or decimal:
                    var seconds = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (seconds <= 0 || double.IsNaN(seconds) || double.IsInfinity(seconds))
                    {
                        throw new ArgumentTransformationMetadataException("Give a positive number of seconds, not " + seconds.ToString(CultureInfo.InvariantCulture) + ".");
                    }

                    return TimeSpan.FromSeconds(seconds);
                case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0:
                    return TimeSpan.FromSeconds(parsed);
                default:
                    return value;
            }
        }
    }
}
