using System;
using System.Collections.Generic;
using System.Linq;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>
    /// A phrase is utterances separated by <c>|</c>, each a sequence of tone words separated by white space:
    /// <c>"alpha bravo | charlie"</c>. An empty or white-space phrase is silence.
    /// </summary>
    public static class TonePhrase
    {
        /// <summary>The separator between utterances in a phrase.</summary>
        public const char UtteranceSeparator = '|';

        private static readonly char[] WordSeparators = { ' ', '\t', '\r', '\n' };

        /// <summary>Splits a phrase into utterances of lower-case words; empty utterances are dropped.</summary>
        /// <exception cref="ArgumentException">A word is not in the vocabulary.</exception>
        public static IReadOnlyList<IReadOnlyList<string>> Parse(string? phrase)
        {
            var utterances = new List<IReadOnlyList<string>>();
            if (string.IsNullOrWhiteSpace(phrase))
            {
                return utterances;
            }

            foreach (string part in phrase!.Split(UtteranceSeparator))
            {
                string[] words = part.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries);
                if (words.Length == 0)
                {
                    continue;
                }

                var canonical = new string[words.Length];
                for (int i = 0; i < words.Length; i++)
                {
                    if (!ToneVocabulary.TryIndexOf(words[i], out int index))
                    {
                        throw new ArgumentException(
                            $"The phrase \"{phrase}\" contains '{words[i]}', which is not a tone word. " +
                            $"The vocabulary is: {string.Join(", ", ToneVocabulary.Words)}.",
                            nameof(phrase));
                    }

                    canonical[i] = ToneVocabulary.Words[index];
                }

                utterances.Add(canonical);
            }

            return utterances;
        }

        /// <summary>
        /// The canonical form of a phrase: lower-case words joined by single spaces, utterances joined by " | ".
        /// The same form <see cref="ToneRecognizer.Transcript"/> produces, so the two compare with ==.
        /// </summary>
        public static string Normalize(string? phrase) =>
            string.Join(" | ", Parse(phrase).Select(words => string.Join(" ", words)));
    }
}
