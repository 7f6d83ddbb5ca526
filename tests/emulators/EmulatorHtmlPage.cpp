#include "EmulatorHtmlPage.h"

EmulatorHtmlPage::EmulatorHtmlPage(const QString& service, const QString& language)
    : m_service(service)
    , m_language(language)
{ }

EmulatorResponse EmulatorHtmlPage::page(int status, const QString& title, const QString& body) const
{
    const QString lang
        = m_language.isEmpty() ? QString() : QStringLiteral(" lang=\"%1\"").arg(m_language.toHtmlEscaped());
    const QString suffix = m_service.isEmpty() ? QString() : QStringLiteral(" - ") + m_service.toHtmlEscaped();
    return EmulatorResponse::html(status,
                                  QStringLiteral("<!DOCTYPE html>\n<html") + lang
                                      + QStringLiteral("><head><meta charset=\"utf-8\"><title>") + title.toHtmlEscaped()
                                      + suffix + QStringLiteral("</title></head>\n<body>\n") + body
                                      + QStringLiteral("\n</body></html>\n"));
}

EmulatorResponse EmulatorHtmlPage::message(int status, const QString& title, const QString& heading,
                                           const QString& paragraphId, const QString& text) const
{
    return page(status, title,
                QStringLiteral("<h1>") + heading.toHtmlEscaped() + QStringLiteral("</h1>\n<p id=\"")
                    + paragraphId.toHtmlEscaped() + QStringLiteral("\">") + text.toHtmlEscaped()
                    + QStringLiteral("</p>"));
}
