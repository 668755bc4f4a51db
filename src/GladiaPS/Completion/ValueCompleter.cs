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
            return CompletionValues.Match(Values(), word)
                .Select(v => new CompletionResult(Quote(v.Value), v.Value, CompletionResultType.ParameterValue, v.Description));
        }

        /// <summary>The values and what each means (shown as the tooltip).</summary>
        protected abstract IEnumerable<CompletionValue> Values();

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

    public sealed class ModelCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.Models;
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

    public sealed class PreRecordedModelCompleter : ValueCompleter
    {
        protected override IEnumerable<CompletionValue> Values() => CompletionValues.PreRecordedModels;
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
