package com.podium.connect.auth.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/** The page for a connection that could not be made or changed: what happened and a way back, no internal code. */
final class ConnectProblems {

    static final String VIEW = "connect-problem";

    private ConnectProblems() {
    }

    static ModelAndView page(HttpStatus status, String title, String message) {
        ModelAndView page = new ModelAndView(VIEW, status);
        page.addObject("title", title);
        page.addObject("message", message);
        return page;
    }
}
