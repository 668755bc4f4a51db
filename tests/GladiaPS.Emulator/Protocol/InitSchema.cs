using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace GladiaPS.Emulator.Protocol
{
    /// <summary>
    /// The shape of the <c>POST /v2/live</c> body (reference §3) as a tree of rules. Each rule reports
    /// problems as "<c>path</c> must …" so the 422 message names the field. A JSON null counts as absent.
    /// </summary>
    internal abstract class InitSchema
    {
        public abstract void Check(JsonElement value, string path, List<string> errors);

        public static readonly InitSchema Root = BuildRoot();

        private static InitSchema BuildRoot()
        {
            var flags = new[]
            {
                "receive_partial_transcripts", "receive_final_transcripts", "receive_speech_events",
                "receive_pre_processing_events", "receive_realtime_processing_events", "receive_post_processing_events",
                "receive_acknowledgments", "receive_errors", "receive_lifecycle_events",
            };
            var messagesConfig = new ObjectRule(flags.Select(f => (f, (InitSchema)new BoolRule(), false)).ToArray());
            var callbackConfig = new ObjectRule(flags.Select(f => (f, (InitSchema)new BoolRule(), false))
                .Append(("url", new StringRule(), false)).ToArray());

            var vocabularyEntry = new StringOrObjectRule(new ObjectRule(
                ("value", new StringRule(), true),
                ("intensity", new NumberRule(0, 1), false),
                ("pronunciations", new ArrayRule(new StringRule()), false),
                ("language", new LanguageRule(LanguageCodes.Transcription), false)));

            return new ObjectRule(
                ("encoding", new StringRule("wav/pcm", "wav/alaw", "wav/ulaw"), false),
                ("bit_depth", new IntegerRule(8, 16, 24, 32), false),
                ("sample_rate", new IntegerRule(8000, 16000, 32000, 44100, 48000), false),
                ("channels", IntegerRule.Range(1, 8), false),
                ("custom_metadata", new AnyObjectRule(), false),
                ("model", new StringRule("solaria-1", "solaria-2"), false),
                ("endpointing", new NumberRule(0.01, 10), false),
                ("maximum_duration_without_endpointing", new NumberRule(5, 60), false),
                ("language_config", new ObjectRule(
                    ("languages", new ArrayRule(new LanguageRule(LanguageCodes.Transcription)), false),
                    ("code_switching", new BoolRule(), false)), false),
                ("pre_processing", new ObjectRule(
                    ("audio_enhancer", new BoolRule(), false),
                    ("speech_threshold", new NumberRule(0, 1), false)), false),
                ("realtime_processing", new ObjectRule(
                    ("custom_vocabulary", new BoolRule(), false),
                    ("custom_vocabulary_config", new ObjectRule(
                        ("vocabulary", new ArrayRule(vocabularyEntry), true),
                        ("default_intensity", new NumberRule(0, 1), false)), false),
                    ("custom_spelling", new BoolRule(), false),
                    ("custom_spelling_config", new ObjectRule(
                        ("spelling_dictionary", new MapRule(new ArrayRule(new StringRule())), true)), false),
                    ("translation", new BoolRule(), false),
                    ("translation_config", new ObjectRule(
                        ("target_languages", new ArrayRule(new LanguageRule(LanguageCodes.Translation), minItems: 1), true),
                        ("model", new StringRule("base", "batch", "enhanced"), false),
                        ("match_original_utterances", new BoolRule(), false),
                        ("lipsync", new BoolRule(), false),
                        ("context_adaptation", new BoolRule(), false),
                        ("context", new StringRule(), false),
                        ("informal", new BoolRule(), false)), false),
                    ("named_entity_recognition", new BoolRule(), false),
                    ("sentiment_analysis", new BoolRule(), false)), false),
                ("post_processing", new ObjectRule(
                    ("summarization", new BoolRule(), false),
                    ("summarization_config", new ObjectRule(
                        ("type", new StringRule("general", "bullet_points", "concise"), false)), false),
                    ("chapterization", new BoolRule(), false)), false),
                ("messages_config", messagesConfig, false),
                ("callback", new BoolRule(), false),
                ("callback_config", callbackConfig, false));
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

        internal sealed class ObjectRule : InitSchema
        {
            private readonly Dictionary<string, (InitSchema Rule, bool Required)> _fields;

            public ObjectRule(params (string Name, InitSchema Rule, bool Required)[] fields) =>
                _fields = fields.ToDictionary(f => f.Name, f => (f.Rule, f.Required), StringComparer.Ordinal);

            public override void Check(JsonElement value, string path, List<string> errors)
            {
                if (value.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{path} must be an object");
                    return;
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in value.EnumerateObject())
                {
                    seen.Add(property.Name);
                    var fieldPath = Join(path, property.Name);
                    if (!_fields.TryGetValue(property.Name, out var field))
                    {
                        errors.Add($"{fieldPath} is not an allowed field");
                        continue;
                    }

                    if (property.Value.ValueKind == JsonValueKind.Null)
                    {
                        if (field.Required) errors.Add($"{fieldPath} is required");
                        continue;
                    }

                    field.Rule.Check(property.Value, fieldPath, errors);
                }

                foreach (var (name, field) in _fields)
                {
                    if (field.Required && !seen.Contains(name)) errors.Add($"{Join(path, name)} is required");
                }
            }
        }

        private sealed class AnyObjectRule : InitSchema
        {
            public override void Check(JsonElement value, string path, List<string> errors)
            {
                if (value.ValueKind != JsonValueKind.Object) errors.Add($"{path} must be an object");
            }
        }

        private sealed class MapRule(InitSchema valueRule) : InitSchema
        {
            public override void Check(JsonElement value, string path, List<string> errors)
            {
                if (value.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{path} must be an object");
                    return;
                }

                foreach (var property in value.EnumerateObject()) valueRule.Check(property.Value, $"{path}.{property.Name}", errors);
            }
        }

        private sealed class ArrayRule(InitSchema itemRule, int minItems = 0) : InitSchema
        {
            public override void Check(JsonElement value, string path, List<string> errors)
            {
                if (value.ValueKind != JsonValueKind.Array)
                {
                    errors.Add($"{path} must be an array");
                    return;
                }

                if (value.GetArrayLength() < minItems) errors.Add($"{path} must contain at least {minItems} item(s)");
                var index = 0;
                foreach (var item in value.EnumerateArray()) itemRule.Check(item, $"{path}[{index++}]", errors);
            }
        }

        private sealed class StringOrObjectRule(InitSchema objectRule) : InitSchema
        {
            public override void Check(JsonElement value, string path, List<string> errors)
            {
                if (value.ValueKind == JsonValueKind.String) return;
                if (value.ValueKind == JsonValueKind.Object) objectRule.Check(value, path, errors);
                else errors.Add($"{path} must be a string or an object");
            }
        }

        private sealed class BoolRule : InitSchema
        {
            public override void Check(JsonElement value, string path, List<string> errors)
            {
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) errors.Add($"{path} must be a boolean");
            }
        }

        private sealed class StringRule(params string[] allowed) : InitSchema
        {
            public override void Check(JsonElement value, string path, List<string> errors)
            {
                if (value.ValueKind != JsonValueKind.String) errors.Add($"{path} must be a string");
                else if (allowed.Length > 0 && !allowed.Contains(value.GetString(), StringComparer.Ordinal))
                    errors.Add($"{path} must be one of the following values: {string.Join(", ", allowed)}");
            }
        }

        private sealed class LanguageRule(HashSet<string> codes) : InitSchema
        {
            public override void Check(JsonElement value, string path, List<string> errors)
            {
                if (value.ValueKind != JsonValueKind.String) errors.Add($"{path} must be a string");
                else if (!codes.Contains(value.GetString()!))
                    errors.Add($"{path} must be a supported language code, got '{value.GetString()}'");
            }
        }

        private sealed class IntegerRule : InitSchema
        {
            private readonly int[]? _allowed;
            private readonly int _min;
            private readonly int _max;

            public IntegerRule(params int[] allowed)
            {
                _allowed = allowed;
                _min = int.MinValue;
                _max = int.MaxValue;
            }

            private IntegerRule(int min, int max)
            {
                _min = min;
                _max = max;
            }

            public static IntegerRule Range(int min, int max) => new(min, max);

            public override void Check(JsonElement value, string path, List<string> errors)
            {
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
                {
                    errors.Add($"{path} must be an integer");
                    return;
                }

                if (_allowed != null && !_allowed.Contains((int)Math.Clamp(number, int.MinValue, int.MaxValue)))
                    errors.Add($"{path} must be one of the following values: {string.Join(", ", _allowed)}");
                else if (number < _min || number > _max)
                    errors.Add($"{path} must be between {_min} and {_max}");
            }
        }

        private sealed class NumberRule(double min, double max) : InitSchema
        {
            public override void Check(JsonElement value, string path, List<string> errors)
            {
                if (value.ValueKind != JsonValueKind.Number)
                {
                    errors.Add($"{path} must be a number");
                    return;
                }

                var number = value.GetDouble();
                if (number < min || number > max)
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path} must be between {min} and {max}"));
            }
        }
    }
}
