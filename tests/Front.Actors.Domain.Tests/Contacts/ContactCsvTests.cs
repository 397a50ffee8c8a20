using System.Text;
using Front.Actors.Domain.Contacts;

namespace Front.Actors.Domain.Tests.Contacts;

public class ContactCsvTests
{
    private static readonly Encoding Windows1252 = CodePages();

    private static Encoding CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    private static ContactImport Read(string text) => Read(Encoding.UTF8.GetBytes(text));

    private static ContactImport Read(byte[] bytes)
    {
        var reading = ContactCsv.Read(bytes);
        return Assert.IsType<ImportReading.Read>(reading).Import;
    }

    private static ImportReading.Refused Refused(string text) => Assert.IsType<ImportReading.Refused>(ContactCsv.Read(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Excel_semicolons_in_windows_1252_keep_aeoeaa()
    {
        var bytes = Windows1252.GetBytes("Fornavn;Etternavn;Mobil;Sted\r\nÆsa;Østbø;912 34 567;Tromsø\r\nPål;Ås;+47 481-23-456;Bø\r\n");

        var import = Read(bytes);

        Assert.Equal(["+4791234567", "+4748123456"], import.Contacts.Select(c => c.Number));
        Assert.Equal(("Æsa", "Østbø", "Tromsø"), (import.Contacts[0].FirstName, import.Contacts[0].LastName, import.Contacts[0].Fields["Sted"]));
        Assert.Equal(("Pål", "Ås"), (import.Contacts[1].FirstName, import.Contacts[1].LastName));
    }

    [Fact]
    public void Utf8_with_and_without_bom_and_commas_read_the_same()
    {
        const string text = "number,name,kundenr\n+4791234567,Åse Blåbær,17\n";
        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var plain = Read(text);
        var bom = Read(withBom);

        Assert.Equal("Åse Blåbær", plain.Contacts.Single().Name);
        Assert.Equal("Åse Blåbær", bom.Contacts.Single().Name);
        Assert.Equal("17", bom.Contacts.Single().Fields["kundenr"]);
        Assert.Equal("utf-8", ImportEncoding.Decode(withBom).EncodingName);
        Assert.Equal("windows-1252", ImportEncoding.Decode(Windows1252.GetBytes("navn\nØ")).EncodingName);
    }

    [Theory]
    [InlineData("91234567")]
    [InlineData("+4791234567")]
    [InlineData("004791234567")]
    [InlineData("0047 912 34 567")]
    [InlineData("+47 912 34 567")]
    [InlineData("912-34-567")]
    [InlineData("+47-912-34-567")]
    [InlineData("4791234567")]
    [InlineData("912\u00A034\u00A0567")]
    public void Every_way_of_writing_a_norwegian_mobile_number_comes_out_in_e164(string written)
    {
        var import = Read($"telefon;navn\n\"{written}\";Kari\n");

        Assert.Equal("+4791234567", import.Contacts.Single().Number);
    }

    [Fact]
    public void Invalid_numbers_are_reported_by_line_and_the_rest_are_taken()
    {
        var import = Read("name,number\nKari,91234567\n\nOla,22225555\nPer,abc\nLise,\nKari igjen,+47 912 34 567\nNils,\"41234567\"\n");

        Assert.Equal(["+4791234567", "+4741234567"], import.Contacts.Select(c => c.Number));
        Assert.Equal([4, 5, 6], import.Invalid.Select(i => i.Line));
        Assert.Contains("not a mobile number", import.Invalid[0].Reason);
        Assert.Contains("'abc'", import.Invalid[1].Reason);
        Assert.Equal("no number", import.Invalid[2].Reason);
        Assert.Equal(1, import.Duplicates);
        Assert.Equal(8, import.Contacts[1].Line);
    }

    [Fact]
    public void A_quoted_field_may_hold_the_separator_quotes_and_a_line_break_and_line_numbers_still_count_lines()
    {
        var import = Read("number;name;note\n91234567;\"Hansen; Kari\";\"sa \"\"hei\"\"\nto linjer\"\nxyz;Ola;\n");

        Assert.Equal("Hansen; Kari", import.Contacts.Single().Name);
        Assert.Equal("sa \"hei\"\nto linjer", import.Contacts.Single().Fields["note"]);
        Assert.Equal(4, import.Invalid.Single().Line);
    }

    [Fact]
    public void An_unbalanced_quote_refuses_the_whole_file_naming_its_line()
    {
        var refused = Refused("number,name\n91234567,Kari\n41234567,Ola \"Nordmann\n48123456,Per\n");

        Assert.Equal(3, refused.Line);
        Assert.Contains("quote", refused.Reason);
    }

    [Fact]
    public void A_quote_that_never_closes_refuses_the_whole_file()
    {
        var refused = Refused("number,name\n91234567,Kari\n41234567,\"Ola\n48123456,Per\n");

        Assert.Equal(3, refused.Line);
    }

    [Fact]
    public void A_file_without_a_number_column_is_refused_at_its_header()
    {
        var refused = Refused("navn;epost\nKari;kari@example.no\n");

        Assert.Equal(1, refused.Line);
        Assert.Contains("no number column", refused.Reason);
    }

    [Fact]
    public void A_file_without_a_header_row_is_told_to_add_one()
    {
        var refused = Refused("91234567;Kari\n41234567;Ola\n");

        Assert.Equal(1, refused.Line);
        Assert.Contains("not a header", refused.Reason);
    }

    [Fact]
    public void Two_number_columns_and_an_empty_file_are_refused()
    {
        Assert.Contains("same thing", Refused("mobil,telefon\n1,2\n").Reason);
        Assert.Contains("empty", Refused("").Reason);
    }

    [Fact]
    public void A_row_longer_than_the_header_is_invalid_on_its_own()
    {
        var import = Read("number,name\n91234567,Kari,extra\n41234567,Ola\n");

        Assert.Equal(2, import.Invalid.Single().Line);
        Assert.Equal("+4741234567", import.Contacts.Single().Number);
    }

    [Fact]
    public void Pasted_numbers_are_read_one_a_line()
    {
        var import = PastedNumbers.Read("912 34 567\r\n\r\n0047 41234567,\nhei\n+4791234567\n");

        Assert.Equal(["+4791234567", "+4741234567"], import.Contacts.Select(c => c.Number));
        Assert.Equal(4, import.Invalid.Single().Line);
        Assert.Equal(1, import.Duplicates);
    }
}
