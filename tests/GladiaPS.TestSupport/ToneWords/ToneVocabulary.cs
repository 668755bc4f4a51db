using System;
using System.Collections.Generic;
using System.Linq;

namespace GladiaPS.TestSupport.ToneWords
{
    /// <summary>The 32 tone words: word <c>i</c> is a sine tone at <c>500 + 75 * i</c> Hz.</summary>
    public static class ToneVocabulary
    {
        /// <summary>Frequency of word 0 (alpha), in Hz.</summary>
        public const double BaseFrequency = 500;

        /// <summary>Frequency step between consecutive words, in Hz.</summary>
        public const double FrequencyStep = 75;

        /// <summary>Number of words in the vocabulary.</summary>
        public const int Count = 32;

        private static readonly string[] AllWords =
        {
            "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
            "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa",
            "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray",
            "yankee", "zulu", "zero", "one", "two", "three", "four", "five",
        };

        private static readonly Dictionary<string, int> Indexes =
            AllWords.Select((word, index) => (word, index)).ToDictionary(p => p.word, p => p.index, StringComparer.OrdinalIgnoreCase);

        /// <summary>The words in vocabulary order (lower case).</summary>
        public static IReadOnlyList<string> Words { get; } = Array.AsReadOnly(AllWords);

        /// <summary>The tone frequency of the word at <paramref name="index"/>, in Hz.</summary>
        public static double FrequencyAt(int index)
        {
            if (index < 0 || index >= Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"A tone word index is 0 to {Count - 1}.");
            }

            return BaseFrequency + (FrequencyStep * index);
        }

        /// <summary>The tone frequency of <paramref name="word"/>, in Hz.</summary>
        /// <exception cref="ArgumentException">The word is not in the vocabulary.</exception>
        public static double FrequencyOf(string word) => FrequencyAt(IndexOf(word));

        /// <summary>The 0-based index of <paramref name="word"/> (case-insensitive).</summary>
        /// <exception cref="ArgumentException">The word is not in the vocabulary.</exception>
        public static int IndexOf(string word)
        {
            if (TryIndexOf(word, out int index))
            {
                return index;
            }

            throw new ArgumentException(
                $"'{word}' is not a tone word. The vocabulary is: {string.Join(", ", AllWords)}.", nameof(word));
        }

        /// <summary>Looks a word up (case-insensitive) without throwing.</summary>
        public static bool TryIndexOf(string? word, out int index)
        {
            index = -1;
            return word is not null && Indexes.TryGetValue(word, out index);
        }

        /// <summary>Whether <paramref name="word"/> is a tone word (case-insensitive).</summary>
        public static bool Contains(string? word) => TryIndexOf(word, out _);
    }
}
