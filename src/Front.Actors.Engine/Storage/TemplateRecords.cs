using LinqToDB.Mapping;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// A message template of an account, shown in <c>position</c> order. Once a campaign has used it (<c>used_at</c>) it is
/// hidden instead of deleted, so the campaign's record still names the text it sent.
/// </summary>
[Table("message_templates")]
public sealed class TemplateRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("name"), NotNull] public string Name { get; set; } = "";
    [Column("text"), NotNull] public string Text { get; set; } = "";
    [Column("position"), NotNull] public int Position { get; set; }
    [Column("hidden"), NotNull] public bool Hidden { get; set; }
    [Column("used_at")] public DateTimeOffset? UsedAt { get; set; }
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    [Column("updated_at"), NotNull] public DateTimeOffset UpdatedAt { get; set; }
}
