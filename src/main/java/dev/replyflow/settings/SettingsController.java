package dev.replyflow.settings;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/settings")
public class SettingsController {

    private final BusinessHoursSettings businessHours;

    public SettingsController(BusinessHoursSettings businessHours) {
        this.businessHours = businessHours;
    }

    @GetMapping("/business-hours")
    public BusinessHours businessHours() {
        return businessHours.current();
    }

    /** {"zone":"Europe/Rome","week":{"MONDAY":[["09:00","13:00"],["14:00","18:00"]],…},"holidays":["12-25","2026-04-06"]} */
    @PutMapping("/business-hours")
    public BusinessHours replaceBusinessHours(@RequestBody BusinessHours hours) {
        return businessHours.replace(hours);
    }
}
