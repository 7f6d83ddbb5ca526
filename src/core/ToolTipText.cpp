#include "ToolTipText.h"

QString ToolTipText::fromPlainText(const QString& text)
{
    // Without '<' or '&' no text is taken for markup (Qt::mightBeRichText looks for a tag, or "&lt;"), and plain
    // text keeps the tool tip's own wrapping of long lines.
    if (!text.contains(QLatin1Char('<')) && !text.contains(QLatin1Char('&')))
        return text;
    return QStringLiteral("<p style=\"white-space:pre\">") + text.toHtmlEscaped() + QStringLiteral("</p>");
}
