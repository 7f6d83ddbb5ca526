#include "NameRules.h"

#include <algorithm>

#include <QCoreApplication>

namespace NameRules {

namespace {
// One component of a path on every file system Attaché stores to.
constexpr qsizetype maxNameBytes = 255;

// What a name's character at some index is to the rules; a surrogate pair counts as one character.
enum class Character {
    Plain,
    Pair, // both halves of a surrogate pair: a character like any other
    HalfPair, // half of a pair, which has no UTF-8: the name on disk would differ from this one
    Slash,
    Backslash, // Windows takes it for a separator: a document saved there would land elsewhere
    Control, // line and paragraph separators too, which break a name in lists and logs as a newline does
    Invisible, // a format character: a zero-width space, a direction mark
};

Character characterAt(const QString& name, qsizetype i)
{
    const QChar c = name.at(i);
    if (c.isHighSurrogate() && i + 1 < name.size() && name.at(i + 1).isLowSurrogate())
        return Character::Pair;
    if (c.isSurrogate())
        return Character::HalfPair;
    if (c == QLatin1Char('/'))
        return Character::Slash;
    if (c == QLatin1Char('\\'))
        return Character::Backslash;
    switch (c.category()) {
    case QChar::Other_Control:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return Character::Control;
    case QChar::Other_Format:
        return Character::Invisible;
    default:
        return Character::Plain;
    }
}
} // namespace

QString problem(const QString& name)
{
    if (name.trimmed().isEmpty())
        return QCoreApplication::translate("NameRules", "The name is empty.");
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return QCoreApplication::translate("NameRules", "“%1” is not a usable name.").arg(name);
    for (qsizetype i = 0; i < name.size(); ++i) {
        switch (characterAt(name, i)) {
        case Character::Plain:
            break;
        case Character::Pair:
            ++i;
            break;
        case Character::HalfPair:
            return QCoreApplication::translate("NameRules", "The name “%1” contains a character that is not text.")
                .arg(printable(name));
        case Character::Slash:
            return QCoreApplication::translate("NameRules", "The name “%1” contains a slash.").arg(name);
        case Character::Backslash:
            return QCoreApplication::translate("NameRules", "The name “%1” contains a backslash.").arg(name);
        case Character::Control:
        case Character::Invisible:
            return QCoreApplication::translate("NameRules", "The name “%1” contains a control character.")
                .arg(printable(name));
        }
    }
    if (name != name.trimmed())
        return QCoreApplication::translate("NameRules", "The name “%1” begins or ends with a space.").arg(name);
    if (name.toUtf8().size() > maxNameBytes)
        return QCoreApplication::translate("NameRules", "The name “%1…” is too long.").arg(name.left(40));
    return {};
}

QString printable(const QString& name)
{
    QString shown = name;
    for (qsizetype i = 0; i < shown.size(); ++i) {
        switch (characterAt(name, i)) {
        case Character::Pair:
            ++i;
            break;
        case Character::HalfPair:
        case Character::Control:
        case Character::Invisible:
            shown[i] = QChar::ReplacementCharacter;
            break;
        default:
            break;
        }
    }
    return shown;
}

QString usable(const QString& name)
{
    QString result;
    result.reserve(name.size());
    for (qsizetype i = 0; i < name.size(); ++i) {
        switch (characterAt(name, i)) {
        case Character::Plain:
            result.append(name.at(i));
            break;
        case Character::Pair:
            result.append(name.at(i)).append(name.at(i + 1));
            ++i;
            break;
        case Character::HalfPair:
        case Character::Invisible:
            break;
        case Character::Slash:
        case Character::Backslash:
            result.append(QLatin1Char('_'));
            break;
        case Character::Control:
            result.append(QLatin1Char(' '));
            break;
        }
    }
    result = result.trimmed();
    return result == QLatin1String(".") || result == QLatin1String("..") ? QString() : result;
}

qsizetype extensionStart(const QString& name)
{
    // Not a dot that starts the name (".env"), nor one followed by too much to be an extension ("2024.Faktura från …
    // mars"): that is text like the rest, which a numbered name may shorten.
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return dot <= 0 || name.size() - dot > 16 ? name.size() : dot;
}

QString numbered(const QString& name, int n)
{
    const qsizetype dot = extensionStart(name);
    const QString tail = QStringLiteral(" (%1)").arg(n) + name.mid(dot);
    QString stem = name.left(dot);
    // A name at the length limit gives up the end of its stem, not its number or extension: a second copy of a
    // 250-byte name must still be a name a file system takes.
    const qsizetype room = maxNameBytes - tail.toUtf8().size();
    while (!stem.isEmpty() && stem.toUtf8().size() > room)
        stem.chop(stem.size() > 1 && stem.back().isLowSurrogate() ? 2 : 1);
    return stem + tail;
}

bool isNameOrNumbered(const QString& candidate, const QString& name)
{
    if (candidate.compare(name, Qt::CaseInsensitive) == 0)
        return true;
    const QString end = QLatin1Char(')') + name.mid(extensionStart(name));
    if (!candidate.endsWith(end, Qt::CaseInsensitive))
        return false;
    const qsizetype open = candidate.lastIndexOf(QStringLiteral(" ("), candidate.size() - end.size());
    if (open < 0)
        return false;
    const QString number = candidate.mid(open + 2, candidate.size() - end.size() - open - 2);
    const bool isCount = !number.isEmpty() && number.size() < 10 && !number.startsWith(QLatin1Char('0'))
        && std::all_of(number.begin(), number.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    // Compared with the name numbered() gives, so that a shortened stem counts too.
    return isCount && candidate.compare(numbered(name, number.toInt()), Qt::CaseInsensitive) == 0;
}

} // namespace NameRules
