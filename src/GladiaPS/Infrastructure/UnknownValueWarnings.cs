using System;
using System.Collections.Generic;
using System.Management.Automation;
using GladiaPS.Core.Options;

namespace GladiaPS.Infrastructure
{
    /// <summary>
    /// Values the known-value lists do not hold (a language Gladia adds next month) are sent as given, with a warning
    /// that names the parameter: the lists feed tab completion and this warning, never a refusal.
    /// </summary>
    internal static class UnknownValueWarnings
    {
        /// <summary>Writes one warning per value; call it on the pipeline thread.</summary>
        /// <param name="parameterFor">The parameter a wire field comes from, so the warning names what the user typed.</param>
        public static void Write(Cmdlet cmdlet, IEnumerable<GladiaUnknownValue> values, Func<string, string> parameterFor)
        {
            foreach (var value in values)
            {
                cmdlet.WriteWarning(Text(value, parameterFor(value.Field)));
            }
        }

        /// <summary>"-Language: 'zz' is not a value this version knows; sent as given." (with the field when it came in a hashtable).</summary>
        public static string Text(GladiaUnknownValue value, string parameter) =>
            "-" + parameter + (parameter is "Option" or "CallbackConfig" ? " " + value.Field : string.Empty) + ": " + value.Problem;
    }
}
