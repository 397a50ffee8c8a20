namespace Front.Actors.Domain.Misuse;

/// <summary>
/// The top-level domains a bare name (no scheme, no www.) must end in to count as a link: every delegated
/// country code, the internationalized country codes, and the generic ones people are likely to meet in spam.
/// No maintained list is available as a package here, so it is embedded; the country codes change rarely.
/// A name after a scheme or www. is a link whatever it ends in, so a missing gTLD only matters for bare names.
/// </summary>
public static class TopLevelDomains
{
    /// <summary>Every delegated ISO 3166 country code top-level domain, plus ac, eu, su and uk.</summary>
    public static readonly IReadOnlySet<string> CountryCodes = Set("""
        ac ad ae af ag ai al am ao aq ar as at au aw ax az
        ba bb bd be bf bg bh bi bj bm bn bo bq br bs bt bv bw by bz
        ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz
        de dj dk dm do dz
        ec ee eg er es et eu
        fi fj fk fm fo fr
        ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy
        hk hm hn hr ht hu
        id ie il im in io iq ir is it
        je jm jo jp
        ke kg kh ki km kn kp kr kw ky kz
        la lb lc li lk lr ls lt lu lv ly
        ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz
        na nc ne nf ng ni nl no np nr nu nz
        om
        pa pe pf pg ph pk pl pm pn pr ps pt pw py
        qa
        re ro rs ru rw
        sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz
        tc td tf tg th tj tk tl tm tn to tr tt tv tw tz
        ua ug uk us uy uz
        va vc ve vg vi vn vu
        wf ws
        ye yt
        za zm zw
        """);

    /// <summary>Internationalized country codes in their ASCII form (рф, срб, укр, қаз, бел, 中国, 中國, 香港, 台灣, 台湾, ελ, ею, мкд, мон, ไทย, 한국).</summary>
    public static readonly IReadOnlySet<string> InternationalizedCountryCodes = Set("""
        xn--p1ai xn--90a3ac xn--j1amh xn--80ao21a xn--90ais xn--fiqs8s xn--fiqz9s xn--j6w193g xn--kprw13d xn--kpry57d
        xn--qxam xn--e1a4c xn--d1alf xn--l1acc xn--o3cw4h xn--3e0b707e
        """);

    /// <summary>Generic top-level domains: the original ones, and the new ones common in the wild and in spam.</summary>
    public static readonly IReadOnlySet<string> Generic = Set("""
        com net org info biz name pro mobi edu gov mil int aero asia cat coop jobs museum tel travel xxx post
        app dev page blog cloud online site website web store shop tech xyz top club live link click icu vip win bid loan loans
        work fun space life world news today email help support services digital agency company solutions network systems
        media group global games bet casino poker money finance bank insurance credit cash trade market deals sale promo
        gift gifts download stream video tube porn sex adult dating date love chat social one plus best buzz cam rest bar
        pub kim men mom party review science webcam accountant cricket faith racing zip mov lol wtf rip fyi guru ninja
        rocks cool zone city land host hosting domains direct express delivery parcel secure security account capital
        ltd llc inc tax energy solar health care clinic doctor pharmacy shopping cheap free exchange coin crypto wallet
        nyc london berlin paris tokyo wien amsterdam stockholm google amazon microsoft
        """);

    /// <summary>True when <paramref name="tld"/> (lower-case ASCII, IDN as xn--) is one of the lists above.</summary>
    public static bool IsKnown(string tld) =>
        CountryCodes.Contains(tld) || Generic.Contains(tld) || InternationalizedCountryCodes.Contains(tld);

    private static HashSet<string> Set(string words) =>
        new(words.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
