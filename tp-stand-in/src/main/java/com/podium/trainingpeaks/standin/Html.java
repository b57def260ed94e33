package com.podium.trainingpeaks.standin;

import java.util.List;

/** The few HTML pages a browser sees during the authorize step. */
final class Html {

    private Html() {
    }

    static String errorPage(String title, String message) {
        return page(title, "<h1>" + escape(title) + "</h1><p>" + escape(message) + "</p>");
    }

    static String consentPage(String clientId, List<String> scopes, String approveHref, String denyHref) {
        StringBuilder items = new StringBuilder();
        scopes.forEach(scope -> items.append("<li>").append(escape(scope)).append("</li>"));
        return page("Authorize " + clientId,
                "<h1>Authorize application</h1>"
                        + "<p>The application <strong>" + escape(clientId) + "</strong> would like to access your"
                        + " TrainingPeaks account:</p><ul>" + items + "</ul>"
                        + "<p><a id=\"approve\" class=\"button\" href=\"" + escape(approveHref) + "\">Approve</a> "
                        + "<a id=\"deny\" class=\"button\" href=\"" + escape(denyHref) + "\">Deny</a></p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + " - TrainingPeaks stand-in"
                + "</title><style>body{font-family:sans-serif;margin:3em}.button{display:inline-block;padding:.5em 1.5em;"
                + "margin-right:1em;border:1px solid #333;border-radius:4px;text-decoration:none}</style></head><body>"
                + body + "</body></html>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
