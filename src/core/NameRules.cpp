#include "NameRules.h"

#include <algorithm>

#include <QCoreApplication>

namespace NameRules {

namespace {
// One component of a path on every file system Attaché stores to.
constexpr qsizetype maxNameBytes = 255;
} // namespace

QString problem(const QString& name)
{
    if (name.trimmed().isEmpty())
        return QCoreApplication::translate("NameRules", "The name is empty.");
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return QCoreApplication::translate("NameRules", "“%1” is not a usable name.").arg(name);
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c.isHighSurrogate() && i + 1 < name.size() && name.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        // Half of a pair has no UTF-8: the name on disk would differ from this one.
        if (c.isSurrogate())
            return QCoreApplication::translate("NameRules", "The name “%1” contains a character that is not text.")
                .arg(QString(name).replace(c, QChar::ReplacementCharacter));
        if (c == QLatin1Char('/'))
            return QCoreApplication::translate("NameRules", "The name “%1” contains a slash.").arg(name);
        // Windows takes it for a separator: a document saved there would land elsewhere.
        if (c == QLatin1Char('\\'))
            return QCoreApplication::translate("NameRules", "The name “%1” contains a backslash.").arg(name);
        // Line and paragraph separators break a name in lists and logs as a newline does.
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
            || c.category() == QChar::Separator_Line || c.category() == QChar::Separator_Paragraph)
            return QCoreApplication::translate("NameRules", "The name “%1” contains a control character.")
                .arg(QString(name).replace(c, QChar::ReplacementCharacter));
    }
    if (name != name.trimmed())
        return QCoreApplication::translate("NameRules", "The name “%1” begins or ends with a space.").arg(name);
    if (name.toUtf8().size() > maxNameBytes)
        return QCoreApplication::translate("NameRules", "The name “%1…” is too long.").arg(name.left(40));
    return {};
}

QString usable(const QString& name)
{
    QString result;
    result.reserve(name.size());
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c.isHighSurrogate() && i + 1 < name.size() && name.at(i + 1).isLowSurrogate()) {
            result.append(c).append(name.at(++i));
        } else if (c.isSurrogate() || c.category() == QChar::Other_Format) {
            continue;
        } else if (c == QLatin1Char('/') || c == QLatin1Char('\\')) {
            result.append(QLatin1Char('_'));
        } else if (c.category() == QChar::Other_Control || c.category() == QChar::Separator_Line
                   || c.category() == QChar::Separator_Paragraph) {
            result.append(QLatin1Char(' '));
        } else {
            result.append(c);
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
