using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GladiaPS.Completion
{
    /// <summary>
    /// Suggests known values for a parameter without restricting it: the API adds values over time, and a
    /// value the module does not know yet is still passed through.
    /// </summary>
    public abstract class ValueCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return CompletionValues.Match(Values(commandName ?? string.Empty), word)
                .Select(v => new CompletionResult(Quote(v.Value), v.Value, CompletionResultType.ParameterValue, v.Description));
        }

        /// <summary>The values and what each means (shown as the tooltip).</summary>
        protected abstract IEnumerable<CompletionValue> Values();

        /// <summary>The values for <paramref name="commandName"/>, where a parameter shared by several commands takes other values on some.</summary>
        protected virtual IEnumerable<CompletionValue> Values(string commandName) => Values();

        private static string Quote(string value) =>
            value.Any(c => char.IsWhiteSpace(c) || c == '\'' || c == '$' || c == ',' || c == ';') ? "'" + value.Replace("'", "''") + "'" : value;
    }

    public sealed class LanguageCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.Languages;
    }

    public sealed class TranslationLanguageCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.TranslationLanguages;
    }

    /// <summary>Live models, or on Invoke-GladiaTranscription the pre-recorded (batch) ones.</summary>
    public sealed class ModelCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.Models;

        protected override IEnumerable<CompletionValue> Values(string commandName) =>
            commandName.EndsWith("Invoke-GladiaTranscription", StringComparison.OrdinalIgnoreCase) ? CompletionValues.PreRecordedModels : Values();
    }

    public sealed class RegionCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.Regions;
    }

    public sealed class EncodingCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.Encodings;
    }

    public sealed class SampleRateCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.SampleRates;
    }

    public sealed class MessageTypeCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.MessageTypes;
    }

    public sealed class SummaryTypeCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.SummaryTypes;
    }

    public sealed class BitDepthCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.BitDepths;
    }

    public sealed class TranslationModelCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.TranslationModels;
    }

    public sealed class PiiProcessedTextTypeCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.PiiProcessedTextTypes;
    }

    public sealed class SubtitleStyleCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.SubtitleStyles;
    }

    public sealed class SubtitleFormatCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.SubtitleFormats;
    }

    public sealed class PiiEntityTypeCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.PiiEntityTypes;
    }
}
