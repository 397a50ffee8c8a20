using LinqToDB.Mapping;

namespace Front.Actors.Engine.Storage;

/// <summary>
/// A contact of an account: its number (E.164, one contact per number and account), names and custom fields (a JSON
/// object of strings). <c>search</c> holds the names in lower case, so a search ignores case the same on SQLite and
/// PostgreSQL. Every contact table has the account and when it was made and changed, for retention and erasure.
/// </summary>
[Table("contacts")]
public sealed class ContactRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("number"), NotNull] public string Number { get; set; } = "";
    [Column("name")] public string? Name { get; set; }
    [Column("first_name")] public string? FirstName { get; set; }
    [Column("last_name")] public string? LastName { get; set; }
    [Column("fields"), NotNull] public string Fields { get; set; } = "{}";
    [Column("search"), NotNull] public string Search { get; set; } = "";
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    [Column("updated_at"), NotNull] public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A named group of an account's contacts (names unique per account, ignoring case: <c>name_key</c>).</summary>
[Table("contact_groups")]
public sealed class ContactGroupRecord
{
    [Column("id"), PrimaryKey, NotNull] public string Id { get; set; } = "";
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("name"), NotNull] public string Name { get; set; } = "";
    [Column("name_key"), NotNull] public string NameKey { get; set; } = "";
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    [Column("updated_at"), NotNull] public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A contact's membership of a group.</summary>
[Table("contact_group_members")]
public sealed class ContactGroupMemberRecord
{
    [Column("group_id"), PrimaryKey(0), NotNull] public string GroupId { get; set; } = "";
    [Column("contact_id"), PrimaryKey(1), NotNull] public string ContactId { get; set; } = "";
    [Column("account_id"), NotNull] public string AccountId { get; set; } = "";
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    [Column("updated_at"), NotNull] public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The custom field names an account's contacts have carried, kept as contacts are written, so that a template's merge
/// fields can be checked without reading every contact's fields.
/// </summary>
[Table("contact_field_names")]
public sealed class ContactFieldNameRecord
{
    [Column("account_id"), PrimaryKey(0), NotNull] public string AccountId { get; set; } = "";
    [Column("name"), PrimaryKey(1), NotNull] public string Name { get; set; } = "";
    [Column("created_at"), NotNull] public DateTimeOffset CreatedAt { get; set; }
    [Column("updated_at"), NotNull] public DateTimeOffset UpdatedAt { get; set; }
}
