using System.Diagnostics.CodeAnalysis;
using System.Text;
using Front.Actors.Domain.Contacts;

namespace Front.Actors.Domain.Templates;

/// <summary>
/// A message text with merge fields: <c>Hei {firstName|kunde}!</c>. <c>{{</c> and <c>}}</c> write a literal brace.
/// Parsed once; rendering is a walk over literal parts and fields, so a campaign renders each recipient cheaply.
/// </summary>
public sealed class MergeTemplate
{
    private const int MaxFieldName = ContactFieldRules.MaxFieldNameLength;

    /// <summary>Each part is a literal string or a <see cref="MergeField"/>.</summary>
    private readonly IReadOnlyList<object> _parts;

    private MergeTemplate(IReadOnlyList<object> parts) => _parts = parts;

    public IReadOnlyList<MergeField> Fields => _parts.OfType<MergeField>().ToList();

    public static bool TryParse(string? text, [NotNullWhen(true)] out MergeTemplate? template, [NotNullWhen(false)] out string? reason)
    {
        template = null;
        reason = null;
        if (string.IsNullOrEmpty(text))
        {
            reason = "empty text";
            return false;
        }
        var parts = new List<object>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '}')
            {
                if (i + 1 < text.Length && text[i + 1] == '}')
                {
                    literal.Append('}');
                    i++;
                    continue;
                }
                reason = $"a '}}' at character {i + 1} closes no merge field (write '}}}}' for a brace)";
                return false;
            }
            if (c != '{')
            {
                literal.Append(c);
                continue;
            }
            if (i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i++;
                continue;
            }
            var close = text.IndexOf('}', i + 1);
            var nested = text.IndexOf('{', i + 1);
            if (close < 0 || (nested >= 0 && nested < close))
            {
                reason = $"the merge field at character {i + 1} is not closed with '}}' (write '{{{{' for a brace)";
                return false;
            }
            var inner = text[(i + 1)..close];
            var bar = inner.IndexOf('|');
            var name = (bar < 0 ? inner : inner[..bar]).Trim();
            if (name.Length == 0 || name.Length > MaxFieldName)
            {
                reason = $"the merge field at character {i + 1} needs a name of 1 to {MaxFieldName} characters";
                return false;
            }
            if (literal.Length > 0)
            {
                parts.Add(literal.ToString());
                literal.Clear();
            }
            parts.Add(new MergeField(name, bar < 0 ? null : inner[(bar + 1)..]));
            i = close;
        }
        if (literal.Length > 0)
            parts.Add(literal.ToString());
        template = new MergeTemplate(parts);
        return true;
    }

    /// <summary>The text for one contact: each field's value, else its default, else nothing.</summary>
    public string Render(MergeContact contact)
    {
        var text = new StringBuilder();
        foreach (var part in _parts)
            text.Append(part is MergeField field ? contact.ValueOf(field) ?? field.Default ?? "" : (string)part);
        return text.ToString();
    }

    /// <summary>
    /// The fields that are neither standard nor among <paramref name="customFields"/> (those the account's contacts
    /// carry). A default does not excuse them: a misspelt field would otherwise silently print its default to everyone.
    /// </summary>
    public IReadOnlyList<string> UnknownFields(IEnumerable<string> customFields)
    {
        var known = customFields.Select(ContactColumns.Key).ToHashSet(StringComparer.Ordinal);
        return Fields.Where(f => !f.IsStandard && !known.Contains(ContactColumns.Key(f.Name))).Select(f => f.Name).Distinct().ToList();
    }
}
