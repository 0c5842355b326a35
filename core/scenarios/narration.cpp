#include "scenarios/narration.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <array>
#include <optional>

namespace SocketScope::Narrations {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(Scenario)
};

using Kind = NarrationPiece::Kind;

enum class Takes : quint8 { Nothing, Descriptor, Address, OwnAddress };

struct Placeholder {
    const char* keyword;
    Kind kind;
    Takes takes;
};

constexpr std::array<Placeholder, 10> placeholders{{
    {"fd", Kind::Descriptor, Takes::Descriptor},
    {"local_port", Kind::LocalPort, Takes::Descriptor},
    {"peer_port", Kind::PeerPort, Takes::Descriptor},
    {"local", Kind::LocalAddress, Takes::Descriptor},
    {"peer", Kind::PeerAddress, Takes::Descriptor},
    {"address", Kind::KeptAddress, Takes::Address},
    {"address_port", Kind::KeptPort, Takes::Address},
    {"call_port", Kind::CallPort, Takes::OwnAddress},
    {"port", Kind::ServicePort, Takes::Nothing},
    {"port_without_htons", Kind::PortWithoutHtons, Takes::Nothing},
}};

QString known()
{
    QStringList forms;
    for (const Placeholder& placeholder : placeholders) {
        const QString keyword = QLatin1String(placeholder.keyword);
        switch (placeholder.takes) {
        case Takes::Nothing:
        case Takes::OwnAddress:
            forms << QStringLiteral("${%1}").arg(keyword);
            break;
        case Takes::Descriptor:
        case Takes::Address:
            forms << QStringLiteral("${%1:name}").arg(keyword);
            break;
        }
    }
    return forms.join(QLatin1String(", "));
}

// One placeholder's inside ("fd:socketEcoute"); nullopt with *error set if it is wrong.
std::optional<NarrationPiece> placeholder(const QString& inside, const Names& names, QString* error)
{
    const qsizetype colon = inside.indexOf(QLatin1Char(':'));
    const QString keyword = colon < 0 ? inside : inside.left(colon);
    const QString name = colon < 0 ? QString() : inside.mid(colon + 1);
    const QString written = QStringLiteral("${%1}").arg(inside);
    for (const Placeholder& candidate : placeholders) {
        if (keyword != QLatin1String(candidate.keyword))
            continue;
        NarrationPiece piece{candidate.kind, name, -1};
        switch (candidate.takes) {
        case Takes::Nothing:
            if (colon >= 0) {
                *error = Tr::tr("\"%1\" takes no name: write ${%2}").arg(written, keyword);
                return std::nullopt;
            }
            return piece;
        case Takes::OwnAddress:
            if (colon >= 0 || !names.passesAddress) {
                *error = Tr::tr("\"%1\": write ${%2}, in a step whose call is given an address "
                                "(bind, connect, sendto)")
                             .arg(written, keyword);
                return std::nullopt;
            }
            piece.definedBy = names.step;
            return piece;
        case Takes::Descriptor:
            if (!names.descriptors || !names.descriptors->contains(name)) {
                *error = Tr::tr("\"%1\": no step of this actor up to this one creates a "
                                "descriptor named \"%2\"")
                             .arg(written, name);
                return std::nullopt;
            }
            piece.definedBy = names.descriptors->value(name);
            return piece;
        case Takes::Address:
            if (!names.addresses || !names.addresses->contains(name)) {
                *error = Tr::tr("\"%1\": no step of this actor up to this one keeps an address "
                                "named \"%2\"")
                             .arg(written, name);
                return std::nullopt;
            }
            piece.definedBy = names.addresses->value(name);
            return piece;
        }
    }
    *error = Tr::tr("\"%1\" is not a placeholder; the placeholders are %2").arg(written, known());
    return std::nullopt;
}

void appendText(Narration& narration, const QString& text)
{
    if (text.isEmpty())
        return;
    if (!narration.isEmpty() && narration.constLast().kind == Kind::Text)
        narration.last().text += text;
    else
        narration.append({Kind::Text, text, -1});
}

} // namespace

Narration parse(const QString& text, const Names& names, QString* error)
{
    Narration narration;
    qsizetype from = 0;
    while (from < text.size()) {
        const qsizetype open = text.indexOf(QLatin1String("${"), from);
        if (open < 0)
            break;
        const qsizetype close = text.indexOf(QLatin1Char('}'), open + 2);
        if (close < 0) {
            *error = Tr::tr("\"%1\" is not closed by \"}\"").arg(text.mid(open, 24));
            return {};
        }
        appendText(narration, text.mid(from, open - from));
        const auto piece = placeholder(text.mid(open + 2, close - open - 2), names, error);
        if (!piece)
            return {};
        narration.append(*piece);
        from = close + 1;
    }
    appendText(narration, text.mid(from));
    return narration;
}

Narration words(const QString& text)
{
    return {NarrationPiece{NarrationPiece::Kind::Text, text, -1}};
}

bool usesServicePort(const Narration& narration)
{
    return std::any_of(narration.cbegin(), narration.cend(), [](const NarrationPiece& piece) {
        return piece.kind == Kind::ServicePort || piece.kind == Kind::PortWithoutHtons;
    });
}

} // namespace SocketScope::Narrations
