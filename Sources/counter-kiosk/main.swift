import Counter
print("counter-kiosk")
